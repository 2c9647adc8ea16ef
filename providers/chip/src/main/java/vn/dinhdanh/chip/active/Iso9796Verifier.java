package vn.dinhdanh.chip.active;

import java.util.Map;
import java.util.function.Supplier;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.ISO9796d2Signer;
import org.bouncycastle.crypto.signers.ISOTrailers;

/**
 * RSA Active Authentication: ISO/IEC 9796-2 digital signature scheme 1 with partial message recovery,
 * verified by BouncyCastle's {@link ISO9796d2Signer}. The chip signs M = M1 ‖ challenge; the signature
 * gives back M1 and the verifier supplies the challenge itself.
 *
 * <p>The digest is the one the trailer names (ICAO 9303 part 11, 6.1): {@code 0xBC} means SHA-1, {@code 0x??CC}
 * names it in the first byte (ISO/IEC 10118). The trailer is read from the opened signature block; BouncyCastle
 * then checks that block entirely, trailer included, against the digest chosen.
 */
final class Iso9796Verifier {

    private static final int IMPLICIT = ISOTrailers.TRAILER_IMPLICIT;
    private static final Map<Integer, Supplier<Digest>> EXPLICIT = Map.of(
            ISOTrailers.TRAILER_SHA1, SHA1Digest::new,
            ISOTrailers.TRAILER_SHA224, SHA224Digest::new,
            ISOTrailers.TRAILER_SHA256, SHA256Digest::new,
            ISOTrailers.TRAILER_SHA384, SHA384Digest::new,
            ISOTrailers.TRAILER_SHA512, SHA512Digest::new);

    private Iso9796Verifier() {
    }

    static boolean verify(RSAKeyParameters key, byte[] challenge, byte[] answer) {
        try {
            RSAEngine rsa = new RSAEngine();
            rsa.init(false, key);
            byte[] block = rsa.processBlock(answer, 0, answer.length);
            if (block.length < 2) {
                return false;
            }
            int last = block[block.length - 1] & 0xFF;
            ISO9796d2Signer signer;
            if (last == IMPLICIT) {
                signer = new ISO9796d2Signer(new RSAEngine(), new SHA1Digest(), true);
            } else {
                int trailer = ((block[block.length - 2] & 0xFF) << 8) | last;
                Supplier<Digest> digest = EXPLICIT.get(trailer);
                if (digest == null) {
                    return false;
                }
                signer = new ISO9796d2Signer(new RSAEngine(), digest.get(), false);
            }
            signer.init(false, key);
            signer.updateWithRecoveredMessage(answer);
            signer.update(challenge, 0, challenge.length);
            return signer.verifySignature(answer);
        } catch (InvalidCipherTextException | RuntimeException e) {
            return false;
        }
    }
}
