package vn.dinhdanh.sandbox.chip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.dinhdanh.sandbox.SandboxException;

@DisplayName("chip read's --challenge nonce")
class SandboxChipsTest {

    @Test
    @DisplayName("is read as the challenge answer carries it (base64) and as the login link does (unpadded base64url)")
    void bothAlphabets() {
        SecureRandom random = new SecureRandom();
        int urlOnly = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] nonce = new byte[8 + random.nextInt(25)];
            random.nextBytes(nonce);
            String standard = Base64.getEncoder().encodeToString(nonce);
            // ChipAppLink's encoding: what the login page's QR code and link carry.
            String link = Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
            assertThat(SandboxChips.nonce(standard)).isEqualTo(nonce);
            assertThat(SandboxChips.nonce(link)).isEqualTo(nonce);
            if (link.matches(".*[_-].*")) {
                urlOnly++;
            }
        }
        // The case that failed before: a link nonce with '-' or '_' (about a third of 8-byte challenges).
        assertThat(urlOnly).isGreaterThan(100);
    }

    @Test
    @DisplayName("refuses what is neither, and a mix of both alphabets")
    void refuses() {
        assertThatThrownBy(() -> SandboxChips.nonce("not a nonce!")).isInstanceOf(SandboxException.class);
        assertThatThrownBy(() -> SandboxChips.nonce("ab+c-d==")).isInstanceOf(SandboxException.class);
        assertThatThrownBy(() -> SandboxChips.nonce("a")).isInstanceOf(SandboxException.class);
    }
}
