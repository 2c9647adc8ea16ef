package vn.dinhdanh.bench.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LoadRunTest {

    @Test
    @DisplayName("each login number runs once, on every worker's own login; failures are counted by reason and the workers go on")
    void countsAndFailures() throws InterruptedException {
        int count = 1_000;
        AtomicIntegerArray runs = new AtomicIntegerArray(count);
        Set<Integer> workers = ConcurrentHashMap.newKeySet();
        LoadRun.Result<Long> result = LoadRun.run(3, Duration.ofHours(1), count, worker -> {
            workers.add(worker);
            return index -> {
                runs.incrementAndGet(index);
                if (index % 10 == 0) {
                    throw new LoginFailure("refused");
                }
                if (index % 10 == 1) {
                    throw new IllegalStateException("broken");
                }
                return (long) index;
            };
        }, Long::longValue);
        for (int i = 0; i < count; i++) {
            assertThat(runs.get(i)).as("login " + i).isEqualTo(1);
        }
        assertThat(workers).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(result.completed()).isEqualTo(800);
        assertThat(result.failures()).containsEntry("refused", 100).containsEntry("IllegalStateException: broken", 100);
        assertThat(result.failed()).isEqualTo(200);
        assertThat(result.nanos()).hasSize(800).doesNotContain(0L, 1L, 10L);
        assertThat(result.perSecond()).isEqualTo(800 / (result.wallNanos() / 1e9));
        assertThat(result.summary().count()).isEqualTo(800);
    }

    @Test
    @DisplayName("no login starts after the deadline")
    void deadline() {
        assertThatThrownBy(() -> LoadRun.run(2, Duration.ZERO, 100, worker -> index -> 1L, Long::longValue))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no login completed");
    }

    @Test
    void refusesNothingToRun() {
        assertThatThrownBy(() -> LoadRun.run(0, Duration.ofSeconds(1), 1, worker -> index -> 1L, Long::longValue))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("rounds merged: their logins and failures together, over their times added up")
    void merge() {
        LoadRun.Result<Long> first = new LoadRun.Result<>(java.util.List.of(1L, 2L), new long[] {10, 20}, 2_000_000_000L,
                Map.of("HTTP 500", 1));
        LoadRun.Result<Long> second = new LoadRun.Result<>(java.util.List.of(3L), new long[] {30}, 1_000_000_000L,
                Map.of("HTTP 500", 2, "timeout", 1));
        LoadRun.Result<Long> merged = LoadRun.Result.merge(java.util.List.of(first, second));
        assertThat(merged.outcomes()).containsExactly(1L, 2L, 3L);
        assertThat(merged.nanos()).containsExactly(10, 20, 30);
        assertThat(merged.wallNanos()).isEqualTo(3_000_000_000L);
        assertThat(merged.failures()).containsExactlyInAnyOrderEntriesOf(Map.of("HTTP 500", 3, "timeout", 1));
        assertThat(merged.perSecond()).isEqualTo(1.0);
    }
}
