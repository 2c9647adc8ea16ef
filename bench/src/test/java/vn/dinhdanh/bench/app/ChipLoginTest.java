package vn.dinhdanh.bench.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ChipLoginTest {

    @Test
    @DisplayName("the chip page's app link gives the challenge id and the nonce, decoded")
    void appLink() {
        assertThat(ChipLogin.query("vneid://chip-login?realm=dinhdanh&challengeId=abc_-DEF&nonce=AAEC%3D%3D"))
                .containsEntry("realm", "dinhdanh").containsEntry("challengeId", "abc_-DEF").containsEntry("nonce", "AAEC==");
    }

    @Test
    @DisplayName("a link without a challenge is a failed login, not a crash")
    void noChallenge() {
        assertThatThrownBy(() -> ChipLogin.query("vneid://chip-login?realm=dinhdanh")).isInstanceOf(LoginFailure.class);
    }
}
