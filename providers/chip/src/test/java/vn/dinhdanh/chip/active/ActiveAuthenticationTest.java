package vn.dinhdanh.chip.active;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Optional;
import org.jmrtd.lds.ActiveAuthenticationInfo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.dinhdanh.chip.Fixtures;
import vn.dinhdanh.virtualchip.ActiveAuthKey;
import vn.dinhdanh.virtualchip.Variant;
import vn.dinhdanh.virtualchip.VirtualChip;

@DisplayName("Active Authentication answers")
class ActiveAuthenticationTest {

    private static final byte[] CHALLENGE = Fixtures.CHALLENGE;

    private static VirtualChip chip(ActiveAuthKey aa) {
        return Fixtures.chip(Variant.GENUINE, aa);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ActiveAuthKey.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    @DisplayName("verify with the chip's key and challenge, not with another challenge")
    void verifies(ActiveAuthKey aa) {
        VirtualChip chip = chip(aa);
        PublicKey key = chip.activeAuthPublicKey().orElseThrow();
        byte[] answer = chip.signChallenge(CHALLENGE);
        assertThat(ActiveAuthentication.verify(key, Optional.empty(), CHALLENGE, answer)).isTrue();
        byte[] other = CHALLENGE.clone();
        other[7] ^= 1;
        assertThat(ActiveAuthentication.verify(key, Optional.empty(), other, answer)).isFalse();
    }

    @Test
    @DisplayName("RSA: the trailer names the digest (0xBC SHA-1, 0x34CC SHA-256); a plain PKCS#1 signature is refused")
    void rsaTrailers() throws Exception {
        for (ActiveAuthKey aa : new ActiveAuthKey[] {ActiveAuthKey.RSA_SHA1, ActiveAuthKey.RSA_SHA256}) {
            VirtualChip chip = chip(aa);
            assertThat(chip.signChallenge(CHALLENGE)).hasSize(256);
        }
        // Not ISO 9796-2 at all, though made with an RSA key of the right size.
        var pair = KeyPairGenerator.getInstance("RSA");
        pair.initialize(2048);
        var keys = pair.generateKeyPair();
        var pkcs1 = java.security.Signature.getInstance("SHA256withRSA");
        pkcs1.initSign(keys.getPrivate());
        pkcs1.update(CHALLENGE);
        assertThat(ActiveAuthentication.verify(keys.getPublic(), Optional.empty(), CHALLENGE, pkcs1.sign())).isFalse();
    }

    @Test
    @DisplayName("ECDSA: plain r‖s and DER both verify; DG14's algorithm decides the digest")
    void ecdsaFormatsAndDigest() {
        VirtualChip plain = chip(ActiveAuthKey.EC_P256_PLAIN);
        byte[] answer = plain.signChallenge(CHALLENGE);
        assertThat(answer).hasSize(64);
        PublicKey key = plain.activeAuthPublicKey().orElseThrow();
        assertThat(ActiveAuthentication.verify(key, Optional.of(ActiveAuthenticationInfo.ECDSA_PLAIN_SHA256_OID),
                CHALLENGE, answer)).isTrue();
        assertThat(ActiveAuthentication.verify(key, Optional.of(ActiveAuthenticationInfo.ECDSA_PLAIN_SHA384_OID),
                CHALLENGE, answer)).isFalse();
        assertThat(ActiveAuthentication.verify(key, Optional.of("1.2.3.4"), CHALLENGE, answer)).isFalse();

        VirtualChip der = chip(ActiveAuthKey.EC_P256_DER);
        byte[] derAnswer = der.signChallenge(CHALLENGE);
        assertThat(derAnswer[0]).isEqualTo((byte) 0x30);
        assertThat(ActiveAuthentication.verify(der.activeAuthPublicKey().orElseThrow(), Optional.empty(), CHALLENGE,
                derAnswer)).isTrue();
    }

    @Test
    @DisplayName("keys below the minimum size, empty answers and garbage are refused")
    void refusals() throws Exception {
        var small = KeyPairGenerator.getInstance("EC");
        small.initialize(new ECGenParameterSpec("secp256r1"));
        PublicKey key = chip(ActiveAuthKey.RSA_SHA1).activeAuthPublicKey().orElseThrow();
        assertThat(ActiveAuthentication.verify(key, Optional.empty(), CHALLENGE, new byte[0])).isFalse();
        assertThat(ActiveAuthentication.verify(key, Optional.empty(), CHALLENGE, new byte[256])).isFalse();
        assertThat(ActiveAuthentication.verify(key, Optional.empty(), CHALLENGE, new byte[300])).isFalse();
        assertThat(ActiveAuthentication.verify(small.generateKeyPair().getPublic(), Optional.empty(), CHALLENGE,
                new byte[64])).isFalse();
        var rsa512 = KeyPairGenerator.getInstance("RSA");
        rsa512.initialize(512);
        assertThat(ActiveAuthentication.verify(rsa512.generateKeyPair().getPublic(), Optional.empty(), CHALLENGE,
                new byte[64])).isFalse();
    }
}
