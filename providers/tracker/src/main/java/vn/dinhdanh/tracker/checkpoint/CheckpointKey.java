package vn.dinhdanh.tracker.checkpoint;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The key that signs checkpoints and receipts: an EC P-256 key pair of its own (never the chain's HMAC key), so
 * that anyone holding only the public key ({@link #publicJwks()}) can check what the server signed, and nobody who
 * reads the database can sign. Configured as a private JWK (RFC 7517), the same on every node.
 */
public final class CheckpointKey {

    private final ECKey key;
    private final ECDSASigner signer;

    private CheckpointKey(ECKey key) throws JOSEException {
        this.key = key;
        this.signer = new ECDSASigner(key);
    }

    /** A private EC P-256 JWK as JSON; the exception names the rule, never the key. */
    public static CheckpointKey of(String privateJwk) {
        if (privateJwk == null || privateJwk.isBlank()) {
            throw new IllegalArgumentException("the data tracker's checkpoint key is required (a private EC P-256 JWK)");
        }
        try {
            ECKey parsed = ECKey.parse(privateJwk);
            if (!parsed.isPrivate() || !Curve.P_256.equals(parsed.getCurve())) {
                throw new IllegalArgumentException("the data tracker's checkpoint key must be a private EC P-256 JWK");
            }
            String kid = parsed.computeThumbprint().toString();
            return new CheckpointKey(new ECKey.Builder(parsed).keyID(kid).build());
        } catch (ParseException | JOSEException e) {
            throw new IllegalArgumentException("the data tracker's checkpoint key is not a valid private EC P-256 JWK");
        }
    }

    /** A new key, as the sandbox draws one (and an operator may: {@code ./dinhdanh audit checkpoint-key}). */
    public static String generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate().toJSONString();
        } catch (JOSEException e) {
            throw new IllegalStateException("EC P-256 is required by every Java platform", e);
        }
    }

    /** The public key as a JWK Set: what {@code /realms/{realm}/data-tracker/checkpoint-keys} publishes. */
    public String publicJwks() {
        return new JWKSet(key.toPublicJWK()).toString(true);
    }

    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    public String keyId() {
        return key.getKeyID();
    }

    /** {@code payload} signed (ES256, {@code typ} as given) in the flattened JWS JSON serialisation (RFC 7515 §7.2.2). */
    public String sign(String type, Map<String, Object> payload) {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(new JOSEObjectType(type)).build(), new Payload(payload));
        try {
            jws.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a data tracker checkpoint: " + e.getMessage(), e);
        }
        Map<String, Object> flattened = new LinkedHashMap<>();
        flattened.put("protected", jws.getHeader().toBase64URL().toString());
        flattened.put("payload", jws.getPayload().toBase64URL().toString());
        flattened.put("signature", jws.getSignature().toString());
        return JSONObjectUtils.toJSONString(flattened);
    }

    @Override
    public String toString() {
        return "CheckpointKey[" + key.getKeyID() + "]";
    }
}
