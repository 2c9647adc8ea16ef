package vn.dinhdanh.chip.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SignedChallengeTest {

    private static final SecretKey KEY = new SecretKeySpec(new byte[64], "HmacSHA512");
    private static final SecretKey OTHER_KEY = new SecretKeySpec(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, "HmacSHA512");
    private static final byte[] NONCE = {9, 8, 7, 6, 5, 4, 3, 2};
    private static final Instant EXPIRES = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    @DisplayName("opens to the nonce and expiry it was made with, for its realm and key only")
    void roundTrip() {
        String id = SignedChallenge.id(KEY, "realm-a", NONCE, EXPIRES);
        assertThat(id).hasSize(SignedChallenge.ID_LENGTH).matches("[A-Za-z0-9_-]+");
        assertThat(ChipChallenges.wellFormed(id)).isTrue();
        ChipChallenge challenge = SignedChallenge.open(KEY, "realm-a", id).orElseThrow();
        assertThat(challenge.nonce()).isEqualTo(NONCE);
        assertThat(challenge.expiresAt()).isEqualTo(EXPIRES);
        assertThat(challenge.forLogin()).isFalse();
        assertThat(SignedChallenge.open(KEY, "realm-b", id)).isEmpty();
        assertThat(SignedChallenge.open(OTHER_KEY, "realm-a", id)).isEmpty();
    }

    @Test
    @DisplayName("any changed byte (a later expiry, another nonce, the MAC) makes it unknown")
    void tampered() {
        byte[] bytes = Base64.getUrlDecoder().decode(SignedChallenge.id(KEY, "realm-a", NONCE, EXPIRES));
        for (int i = 0; i < bytes.length; i++) {
            byte[] changed = bytes.clone();
            changed[i] ^= 0x01;
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(changed);
            assertThat(SignedChallenge.open(KEY, "realm-a", id)).as("byte " + i).isEmpty();
        }
    }

    @Test
    @DisplayName("wrong lengths and non-base64 are unknown, never an exception")
    void malformed() {
        String id = SignedChallenge.id(KEY, "realm-a", NONCE, EXPIRES);
        for (String bad : new String[] {null, "", id.substring(1), id + "A", "!".repeat(SignedChallenge.ID_LENGTH)}) {
            assertThat(SignedChallenge.open(KEY, "realm-a", bad)).as(String.valueOf(bad)).isEmpty();
        }
    }
}
