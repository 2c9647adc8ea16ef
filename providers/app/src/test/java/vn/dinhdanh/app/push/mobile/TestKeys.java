package vn.dinhdanh.app.push.mobile;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Keys made for each test run, and their PEM and service-account forms. */
final class TestKeys {

    private TestKeys() {
    }

    static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    static KeyPair p256() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static String pem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** A Google service-account key file as the Firebase console gives it (the parts that matter). */
    static String serviceAccount(KeyPair key, String tokenUri) {
        Map<String, String> file = new LinkedHashMap<>();
        file.put("type", "service_account");
        file.put("project_id", "vneid-test");
        file.put("private_key_id", "0123abcd");
        file.put("private_key", pem(key.getPrivate()));
        file.put("client_email", "push@vneid-test.iam.gserviceaccount.com");
        if (tokenUri != null) {
            file.put("token_uri", tokenUri);
        }
        return Json.write(file);
    }

    /** A JOSE ECDSA signature (R‖S) in the DER form the JDK's SHA256withECDSA verifies. */
    static byte[] der(byte[] joseSignature) {
        byte[] r = new BigInteger(1, Arrays.copyOfRange(joseSignature, 0, 32)).toByteArray();
        byte[] s = new BigInteger(1, Arrays.copyOfRange(joseSignature, 32, 64)).toByteArray();
        byte[] der = new byte[6 + r.length + s.length];
        der[0] = 0x30;
        der[1] = (byte) (4 + r.length + s.length);
        der[2] = 0x02;
        der[3] = (byte) r.length;
        System.arraycopy(r, 0, der, 4, r.length);
        der[4 + r.length] = 0x02;
        der[5 + r.length] = (byte) s.length;
        System.arraycopy(s, 0, der, 6 + r.length, s.length);
        return der;
    }
}
