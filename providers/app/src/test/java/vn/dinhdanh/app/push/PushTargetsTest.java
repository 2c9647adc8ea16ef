package vn.dinhdanh.app.push;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PushTargetsTest {

    @Test
    void acceptsFcmAndHexApnsTokens() {
        assertThat(PushTargets.parse("fcm", "dGVzdA:APA91b-x_y")).contains(new PushTarget(PushTarget.Platform.FCM, "dGVzdA:APA91b-x_y"));
        assertThat(PushTargets.parse("APNS", "ab".repeat(32))).contains(new PushTarget(PushTarget.Platform.APNS, "ab".repeat(32)));
    }

    @Test
    void refusesOtherPlatformsAndOddTokens() {
        assertThat(PushTargets.parse("sms", "t")).isEmpty();
        assertThat(PushTargets.parse(null, "t")).isEmpty();
        assertThat(PushTargets.parse("fcm", "")).isEmpty();
        assertThat(PushTargets.parse("fcm", "a b")).as("no spaces or control characters").isEmpty();
        assertThat(PushTargets.parse("fcm", "x".repeat(PushTargets.MAX_TOKEN_LENGTH + 1))).isEmpty();
        assertThat(PushTargets.parse("apns", "not-hex")).isEmpty();
        assertThat(PushTargets.parse("apns", "ab".repeat(10))).as("too short for an APNs token").isEmpty();
    }
}
