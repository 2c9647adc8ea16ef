package vn.dinhdanh.tracker.checkpoint;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.Map;

/**
 * Reads a flattened JWS JSON document ({@code {"protected","payload","signature"}}) that {@link CheckpointKey}
 * signed, and checks it: ES256 only, the {@code typ} expected, a key of the given set named by {@code kid}.
 * Keycloak-free: the command line and the unit tests use it as the server does.
 */
public final class SignedDocument {

    private SignedDocument() {
    }

    /** The {@code typ} its protected header claims (unverified: only to choose how to read it). */
    public static String typeOf(String json) {
        try {
            String header = JSONObjectUtils.getString(JSONObjectUtils.parse(json), "protected");
            String type = JSONObjectUtils.getString(JSONObjectUtils.parse(new Base64URL(header).decodeToString()), "typ");
            return type == null ? "" : type;
        } catch (ParseException | RuntimeException e) {
            throw new ReceiptException(ReceiptException.MALFORMED, "not a signed data tracker document (flattened JWS JSON)");
        }
    }

    /** The verified payload; {@link ReceiptException} with a stable code otherwise. */
    public static Map<String, Object> open(String json, String expectedType, JWKSet keys) {
        JWSObject jws;
        try {
            Map<String, Object> flattened = JSONObjectUtils.parse(json);
            jws = new JWSObject(new Base64URL(JSONObjectUtils.getString(flattened, "protected")),
                    new Base64URL(JSONObjectUtils.getString(flattened, "payload")),
                    new Base64URL(JSONObjectUtils.getString(flattened, "signature")));
        } catch (ParseException | NullPointerException | IllegalArgumentException e) {
            throw new ReceiptException(ReceiptException.MALFORMED, "not a signed data tracker document (flattened JWS JSON)");
        }
        if (!JWSAlgorithm.ES256.equals(jws.getHeader().getAlgorithm()) || jws.getHeader().getType() == null
                || !expectedType.equals(jws.getHeader().getType().getType())) {
            throw new ReceiptException(ReceiptException.MALFORMED, "not a " + expectedType + " (its header says otherwise)");
        }
        JWK key = jws.getHeader().getKeyID() == null ? null : keys.getKeyByKeyId(jws.getHeader().getKeyID());
        if (!(key instanceof ECKey ecKey)) {
            throw new ReceiptException(ReceiptException.UNKNOWN_KEY,
                    "signed with a key the checkpoint keys given do not hold (kid " + jws.getHeader().getKeyID() + ")");
        }
        try {
            if (!jws.verify(new ECDSAVerifier(ecKey.toPublicJWK()))) {
                throw new ReceiptException(ReceiptException.BAD_SIGNATURE, "the signature does not verify: altered, or not signed by the tracker");
            }
            return jws.getPayload().toJSONObject();
        } catch (JOSEException e) {
            throw new ReceiptException(ReceiptException.BAD_SIGNATURE, "the signature does not verify: " + e.getMessage());
        }
    }
}
