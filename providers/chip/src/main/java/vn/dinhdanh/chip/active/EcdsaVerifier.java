package vn.dinhdanh.chip.active;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Map;
import java.util.Optional;
import org.jmrtd.lds.ActiveAuthenticationInfo;
import vn.dinhdanh.chip.crypto.SignatureProviders;

/**
 * ECDSA Active Authentication. BSI TR-03111 has the chip answer plain r ‖ s; some cards answer DER:
 * both encode the same (r, s), so both are accepted. The digest is the one DG14's ActiveAuthenticationInfo
 * names; without one, the one matching the curve's size (SHA-256 for P-256), which is what cards do.
 * Any curve: NIST ones by the JDK, Brainpool and others by BouncyCastle ({@link SignatureProviders}).
 */
final class EcdsaVerifier {

    private static final Map<String, String> DIGEST_BY_OID = Map.ofEntries(
            Map.entry(ActiveAuthenticationInfo.ECDSA_PLAIN_SHA1_OID, "SHA1"),
            Map.entry(ActiveAuthenticationInfo.ECDSA_PLAIN_SHA224_OID, "SHA224"),
            Map.entry(ActiveAuthenticationInfo.ECDSA_PLAIN_SHA256_OID, "SHA256"),
            Map.entry(ActiveAuthenticationInfo.ECDSA_PLAIN_SHA384_OID, "SHA384"),
            Map.entry(ActiveAuthenticationInfo.ECDSA_PLAIN_SHA512_OID, "SHA512"),
            // X9.62 ecdsa-with-SHAxxx, which some DG14s name instead.
            Map.entry("1.2.840.10045.4.1", "SHA1"),
            Map.entry("1.2.840.10045.4.3.1", "SHA224"),
            Map.entry("1.2.840.10045.4.3.2", "SHA256"),
            Map.entry("1.2.840.10045.4.3.3", "SHA384"),
            Map.entry("1.2.840.10045.4.3.4", "SHA512"));

    private EcdsaVerifier() {
    }

    static boolean verify(ECPublicKey key, Optional<String> dg14Algorithm, byte[] challenge, byte[] answer) {
        String digest;
        if (dg14Algorithm.isPresent()) {
            digest = DIGEST_BY_OID.get(dg14Algorithm.get());
            if (digest == null) {
                return false;
            }
        } else {
            digest = bySize(key.getParams().getOrder().bitLength());
        }
        int plainLength = 2 * ((key.getParams().getOrder().bitLength() + 7) / 8);
        if (answer.length == plainLength && verify(digest + "withECDSAinP1363Format", key, challenge, answer)) {
            return true;
        }
        return verify(digest + "withECDSA", key, challenge, answer);
    }

    private static String bySize(int bits) {
        if (bits <= 224) {
            return bits <= 192 ? "SHA1" : "SHA224";
        }
        if (bits <= 256) {
            return "SHA256";
        }
        return bits <= 384 ? "SHA384" : "SHA512";
    }

    private static boolean verify(String algorithm, ECPublicKey key, byte[] challenge, byte[] answer) {
        try {
            Signature signature = SignatureProviders.verifier(algorithm, key);
            signature.initVerify(key);
            signature.update(challenge);
            return signature.verify(answer);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
