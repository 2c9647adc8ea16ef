package vn.dinhdanh.chip.active;

import java.io.IOException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Active Authentication (ICAO 9303 part 11, 6.1): did the chip sign the server's challenge with DG15's
 * private key? RSA answers are ISO/IEC 9796-2 scheme 1 ({@link Iso9796Verifier}), EC answers ECDSA
 * ({@link EcdsaVerifier}). Anything that cannot be verified is a failure: there is no "maybe".
 */
public final class ActiveAuthentication {

    /** Smaller keys are refused whatever they sign: ICAO 9303 part 11 asks for at least these. */
    static final int MIN_RSA_BITS = 1024;
    static final int MIN_EC_BITS = 192;

    private ActiveAuthentication() {
    }

    /**
     * @param key DG15's public key
     * @param dg14Algorithm DG14's ActiveAuthenticationInfo signature algorithm, if DG14 names one (ECDSA only)
     * @param challenge the bytes the server sent, as sent
     * @param answer the chip's INTERNAL AUTHENTICATE response
     */
    public static boolean verify(PublicKey key, Optional<String> dg14Algorithm, byte[] challenge, byte[] answer) {
        if (key == null || challenge == null || challenge.length == 0 || answer == null || answer.length == 0) {
            return false;
        }
        try {
            if (key instanceof RSAPublicKey) {
                if (((RSAPublicKey) key).getModulus().bitLength() < MIN_RSA_BITS) {
                    return false;
                }
                return Iso9796Verifier.verify((RSAKeyParameters) PublicKeyFactory.createKey(key.getEncoded()),
                        challenge, answer);
            }
            if (key instanceof ECPublicKey) {
                if (((ECPublicKey) key).getParams().getOrder().bitLength() < MIN_EC_BITS) {
                    return false;
                }
                return EcdsaVerifier.verify((ECPublicKey) key, dg14Algorithm, challenge, answer);
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
