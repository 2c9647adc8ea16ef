package vn.dinhdanh.population.idnumber;

/**
 * Input that cannot be a personal identification number. Carries a stable code; its message never
 * repeats the input, which may be personal data or an attack string.
 */
public final class InvalidIdNumberException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Stable forever once released: they appear in events and message keys. */
    public enum Code {
        /** Not exactly 12 ASCII digits. */
        ID_NUMBER_MALFORMED,
        /** Digits 1-3 are no province code. */
        ID_NUMBER_UNKNOWN_PROVINCE;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Code code;

    InvalidIdNumberException(Code code) {
        super(code.code());
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
