package vn.dinhdanh.app.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DecisionsTest {

    private static final byte[] CHALLENGE = new byte[32];

    @Test
    @DisplayName("the signed challenge covers the challenge, the decision and the number: change any, it changes")
    void coversDecisionAndNumber() {
        byte[] other = CHALLENGE.clone();
        other[0] = 1;
        Set<String> seen = new HashSet<>();
        for (byte[] signed : List.of(Decisions.signedChallenge(CHALLENGE, "approve", 42),
                Decisions.signedChallenge(CHALLENGE, "approve", 43),
                Decisions.signedChallenge(CHALLENGE, "deny", 42),
                Decisions.signedChallenge(other, "approve", 42))) {
            assertThat(signed).hasSize(32);
            assertThat(seen.add(java.util.HexFormat.of().formatHex(signed))).isTrue();
        }
        assertThat(Decisions.signedChallenge(CHALLENGE, "APPROVE", 42)).isEqualTo(Decisions.signedChallenge(CHALLENGE, "approve", 42));
    }

    @Test
    @DisplayName("the pending request names the device and the time")
    void pendingRequest() {
        assertThat(new String(Decisions.pendingRequest("Y3JlZA==", 1700000000000L), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("dinhdanh push pending\nY3JlZA==\n1700000000000");
    }
}
