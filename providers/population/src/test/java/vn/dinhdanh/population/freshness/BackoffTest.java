package vn.dinhdanh.population.freshness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A relying party that did not take its logout token is tried again")
class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMinutes(5), Duration.ofHours(1));

    @Test
    @DisplayName("after 1 s, then twice as long each time, never longer than the cap")
    void doubling() {
        assertThat(backoff.delayMillis(1)).isEqualTo(1_000);
        assertThat(backoff.delayMillis(2)).isEqualTo(2_000);
        assertThat(backoff.delayMillis(3)).isEqualTo(4_000);
        assertThat(backoff.delayMillis(9)).isEqualTo(256_000);
        assertThat(backoff.delayMillis(10)).isEqualTo(300_000);
        assertThat(backoff.delayMillis(1_000)).as("no overflow however many attempts").isEqualTo(300_000);
    }

    @Test
    @DisplayName("until the window since the first try has passed, then not any more")
    void window() {
        long first = 1_000_000;
        assertThat(backoff.givenUp(first, first + Duration.ofMinutes(59).toMillis())).isFalse();
        assertThat(backoff.givenUp(first, first + Duration.ofHours(1).toMillis())).isTrue();
    }

    @Test
    @DisplayName("within the default hour, about twenty tries: after 1, 2, 4 ... 256 s, then every 5 min")
    void defaultsBoundTheWork() {
        long waited = 0;
        int attempts = 1;
        while (!Backoff.DEFAULT.givenUp(0, waited)) {
            waited += Backoff.DEFAULT.delayMillis(attempts++);
        }
        assertThat(attempts).isBetween(18, 24);
    }
}
