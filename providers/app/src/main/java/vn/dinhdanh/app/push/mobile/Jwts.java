package vn.dinhdanh.app.push.mobile;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.AsymmetricSignatureSignerContext;
import org.keycloak.crypto.KeyType;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.crypto.SignatureException;
import org.keycloak.jose.jws.JWSBuilder;

/**
 * The JWTs the push services want, built with Keycloak's JOSE ({@link JWSBuilder}): RS256 for Google's token
 * endpoint, ES256 for APNs. ES256 is signed with the JDK's {@code SHA256withECDSA}, which gives
 * JOSE's R‖S (64 bytes) directly: Keycloak's own ECDSA signer converts from DER through {@code CryptoIntegration},
 * which the server sets up but plain unit tests do not.
 */
final class Jwts {

    private Jwts() {
    }

    static String rs256(PrivateKey key, String kid, Map<String, Object> claims) {
        return new JWSBuilder().type("JWT").jsonContent(claims).sign(new AsymmetricSignatureSignerContext(wrap(key, kid, KeyType.RSA, Algorithm.RS256)));
    }

    static String es256(PrivateKey key, String kid, Map<String, Object> claims) {
        return new JWSBuilder().jsonContent(claims).sign(new AsymmetricSignatureSignerContext(wrap(key, kid, KeyType.EC, Algorithm.ES256)) {
            @Override
            public byte[] sign(byte[] data) {
                try {
                    Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
                    signature.initSign((PrivateKey) this.key.getPrivateKey());
                    signature.update(data);
                    return signature.sign();
                } catch (GeneralSecurityException e) {
                    throw new SignatureException("ES256 signing failed", e);
                }
            }
        });
    }

    /**
     * A PKCS#8 private key from PEM ({@code -----BEGIN PRIVATE KEY-----}: Google's service-account key, Apple's .p8).
     * Errors say what is wrong, never what was read.
     */
    static PrivateKey privateKey(String pem, String algorithm) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        PrivateKey key;
        try {
            key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a PKCS#8 " + algorithm + " private key in PEM");
        }
        if (key instanceof ECPrivateKey ec && ec.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new IllegalArgumentException("not a P-256 key");
        }
        return key;
    }

    private static KeyWrapper wrap(PrivateKey key, String kid, String type, String algorithm) {
        KeyWrapper wrapper = new KeyWrapper();
        wrapper.setKid(kid);
        wrapper.setType(type);
        wrapper.setAlgorithm(algorithm);
        wrapper.setPrivateKey(key);
        return wrapper;
    }
}
