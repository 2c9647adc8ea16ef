package vn.dinhdanh.chip.active;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateKey;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * ICAO Doc 9303 (8th ed., 2021) part 11, Appendix F, "Worked example: Active Authentication": RSA 1024,
 * SHA-1, trailer {@code BC}. The example gives the terminal's challenge, the chip's random M1 and the
 * message representative F it signs, but no key: the chip's signature is made here with a fresh key, as the
 * chip would (s = F^d mod n), and the verifier must recover exactly the example's M1 and digest from it.
 * (Appendix E, passive authentication, uses a real document's SOD and certificates that the appendix only
 * excerpts; the virtual chip's real CMS covers that path.)
 */
class IcaoWorkedExampleTest {

    private static final HexFormat HEX = HexFormat.of();
    /** Step 1: RND.IFD, the terminal's challenge. */
    private static final byte[] CHALLENGE = HEX.parseHex("F173589974BF40C6");
    /** Step 6: M1, the chip's random message part (852 - 4 bits). */
    private static final byte[] M1 = HEX.parseHex("9D2784A67F8E7C659973EA1AEA25D95B6C8F91E5002F369F0FBDCE8A3CEC1991"
            + "B543F1696546C5524CF23A5303CD6C98599F40B79F377B5F3A1406B3B4D8F96784D23AA88DB7E1032A405E69325FA91A"
            + "6E86F5C71AEA978264C4A207446DAD4E7292E2DCDA3024B47DA8");
    /** Step 8: H = SHA-1(M1 || RND.IFD). */
    private static final byte[] H = HEX.parseHex("C063AA1E6D22FBD976AB0FE73D94D2D9C6D88127");
    /** Step 9: F = 6A || M1 || H || BC, the message representative. */
    private static final byte[] F = HEX.parseHex("6A9D2784A67F8E7C659973EA1AEA25D95B6C8F91E5002F369F0FBDCE8A3CEC19"
            + "91B543F1696546C5524CF23A5303CD6C98599F40B79F377B5F3A1406B3B4D8F96784D23AA88DB7E1032A405E69325FA9"
            + "1A6E86F5C71AEA978264C4A207446DAD4E7292E2DCDA3024B47DA8C063AA1E6D22FBD976AB0FE73D94D2D9C6D88127BC");

    @Test
    @DisplayName("the example's own values agree: H is SHA-1(M1 || RND.IFD), F is 6A || M1 || H || BC")
    void exampleIsConsistent() throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(M1);
        assertThat(sha1.digest(CHALLENGE)).isEqualTo(H);
        assertThat(F).hasSize(128).startsWith(0x6A).endsWith(0xBC);
    }

    @Test
    @DisplayName("a chip's signature of the example's F verifies for the example's challenge, and for no other")
    void verifiesTheExample() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        KeyPair chip;
        do {
            generator.initialize(1024);
            chip = generator.generateKeyPair();
            // F must be below the modulus to be signed as is (the example's key had a modulus above 6A...).
        } while (((RSAPrivateKey) chip.getPrivate()).getModulus().compareTo(new BigInteger(1, F)) <= 0);
        RSAPrivateKey key = (RSAPrivateKey) chip.getPrivate();
        byte[] signature = toLength(new BigInteger(1, F).modPow(key.getPrivateExponent(), key.getModulus()), 128);

        assertThat(ActiveAuthentication.verify(chip.getPublic(), Optional.empty(), CHALLENGE, signature)).isTrue();
        byte[] other = CHALLENGE.clone();
        other[7] ^= 1;
        assertThat(ActiveAuthentication.verify(chip.getPublic(), Optional.empty(), other, signature)).isFalse();
    }

    private static byte[] toLength(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[length];
        int copy = Math.min(bytes.length, length);
        System.arraycopy(bytes, bytes.length - copy, fixed, length - copy, copy);
        return fixed;
    }
}
