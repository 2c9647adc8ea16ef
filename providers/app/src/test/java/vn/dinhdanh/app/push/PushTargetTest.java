package vn.dinhdanh.app.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A push target names the device's platform and token; the token never shows in a log line. */
class PushTargetTest {

    static final String TOKEN = "fcm-registration-token:APA91bHun4MxP5egoKMwt2KZFBaFUH";

    @Test
    @DisplayName("toString shows the platform and a short hash of the token, never the token")
    void hidden() {
        PushTarget target = new PushTarget(PushTarget.Platform.FCM, TOKEN);
        PushMessage message = new PushMessage("dinhdanh", "cred", "challenge", target);

        assertThat(target.toString()).contains("FCM").contains(target.tokenHash()).doesNotContain(TOKEN).doesNotContain("APA91b");
        assertThat(message.toString()).doesNotContain(TOKEN);
        assertThat(target.tokenHash()).hasSize(8).isEqualTo(new PushTarget(PushTarget.Platform.APNS, TOKEN).tokenHash());
    }

    @Test
    @DisplayName("a message built the old way, with three ids, has no target")
    void threeIds() {
        assertThat(new PushMessage("dinhdanh", "cred", "challenge").target()).isNull();
    }

    @Test
    @DisplayName("a target needs a platform and a token")
    void complete() {
        assertThatThrownBy(() -> new PushTarget(null, TOKEN)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new PushTarget(PushTarget.Platform.APNS, " ")).isInstanceOf(IllegalArgumentException.class);
    }
}
