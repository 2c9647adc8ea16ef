package vn.dinhdanh.tracker.checkpoint;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.dinhdanh.tracker.chain.Witness;

/**
 * A signed statement "at {@code issuedAt} the chain ended at row {@code row} with hash {@code hash}". Payload of a
 * flattened JWS, {@code typ} {@value #TYPE}:
 * <pre>{"iss": "https://id.example/realms/dinhdanh", "iat": 1796000000, "chain": {"row": 42, "hash": "5be1…"}}</pre>
 * Anyone who keeps one can later show that the chain was rolled back (row 42 gone) or forked (another hash).
 */
public record Checkpoint(String issuer, long issuedAt, long row, String hash) {

    public static final String TYPE = "dinhdanh-tracker-checkpoint+json";

    public String sign(CheckpointKey key) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("iss", issuer);
        payload.put("iat", issuedAt);
        payload.put("chain", position(row, hash));
        return key.sign(TYPE, payload);
    }

    /** A checkpoint document, signature checked against {@code keys}. */
    public static Checkpoint open(String json, JWKSet keys) {
        Map<String, Object> payload = SignedDocument.open(json, TYPE, keys);
        try {
            Map<String, Object> chain = JSONObjectUtils.getJSONObject(payload, "chain");
            return new Checkpoint(JSONObjectUtils.getString(payload, "iss"), JSONObjectUtils.getLong(payload, "iat"),
                    JSONObjectUtils.getLong(chain, "row"), hash(chain));
        } catch (ParseException | RuntimeException e) {
            throw new ReceiptException(ReceiptException.MALFORMED, "the checkpoint's payload lacks iss, iat or chain {row, hash}");
        }
    }

    public List<Witness> witnesses() {
        return List.of(Witness.receipt(row, hash, "the checkpoint"));
    }

    static Map<String, Object> position(long row, String hash) {
        Map<String, Object> position = new LinkedHashMap<>();
        position.put("row", row);
        position.put("hash", hash);
        return position;
    }

    static String hash(Map<String, Object> position) throws ParseException {
        String hash = JSONObjectUtils.getString(position, "hash");
        if (hash == null || !hash.matches("[0-9a-f]{64}")) {
            throw new ParseException("hash", 0);
        }
        return hash;
    }
}
