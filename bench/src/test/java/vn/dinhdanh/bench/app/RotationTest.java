package vn.dinhdanh.bench.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RotationTest {

    private static final long SECOND = 1_000_000_000L;

    /** A clock that moves only when the rotation sleeps or the test says so. */
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final List<Long> sleeps = new ArrayList<>();

    private <T> Rotation<T> rotation(List<T> items, int perMinute) {
        return new Rotation<>(items, perMinute, now::get, nanos -> {
            sleeps.add(nanos);
            now.addAndGet(nanos);
        });
    }

    @Test
    @DisplayName("the least recently used citizen comes first, and a taken one is nobody else's until given back")
    void leastRecentlyUsedFirst() throws InterruptedException {
        Rotation<String> rotation = rotation(List.of("a", "b", "c"), 0);
        Rotation.Lease<String> a = rotation.take();
        Rotation.Lease<String> b = rotation.take();
        rotation.give(b);
        assertThat(rotation.take().item()).isEqualTo("c");
        assertThat(rotation.take().item()).as("b came back before a").isEqualTo("b");
        rotation.give(a);
        assertThat(rotation.take().item()).isEqualTo("a");
        assertThat(sleeps).isEmpty();
    }

    @Test
    @DisplayName("never more than the per-minute limit for one citizen: the next use waits for the oldest to be a minute (and a second) old")
    void perMinuteLimit() throws InterruptedException {
        Rotation<String> rotation = rotation(List.of("only"), 2);
        long start = now.get();
        rotation.give(rotation.take());
        now.addAndGet(10 * SECOND);
        rotation.give(rotation.take());
        now.addAndGet(5 * SECOND);
        rotation.give(rotation.take()); // third use: waits until start + 61 s
        assertThat(sleeps).containsExactly(46 * SECOND);
        assertThat(now.get()).isEqualTo(start + 61 * SECOND);
        assertThat(rotation.waitedNanos()).isEqualTo(46 * SECOND);

        now.addAndGet(70 * SECOND); // long after: no wait
        rotation.give(rotation.take());
        assertThat(sleeps).hasSize(1);
    }

    @Test
    @DisplayName("without a limit nobody waits, however often")
    void noLimit() throws InterruptedException {
        Rotation<String> rotation = rotation(List.of("only"), 0);
        for (int i = 0; i < 100; i++) {
            rotation.give(rotation.take());
        }
        assertThat(sleeps).isEmpty();
        assertThat(rotation.waitedNanos()).isZero();
    }

    @Test
    void refusesNoCitizens() {
        assertThatThrownBy(() -> new Rotation<>(List.of(), 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
