package vn.dinhdanh.tracker.checkpoint;

/** A receipt or checkpoint that cannot be trusted as it is, with a stable code. */
public final class ReceiptException extends RuntimeException {

    /** Not JSON, not a flattened JWS, fields missing or of the wrong type. */
    public static final String MALFORMED = "receipt_malformed";
    /** Signed with a key the checkpoint keys given do not hold. */
    public static final String UNKNOWN_KEY = "receipt_unknown_key";
    /** The signature does not verify: the document was altered or not signed by the tracker. */
    public static final String BAD_SIGNATURE = "receipt_bad_signature";

    private final String code;

    public ReceiptException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
