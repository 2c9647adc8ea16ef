package vn.dinhdanh.bench.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    @Test
    void nearestRankPercentiles() {
        long[] sorted = LongStream.rangeClosed(1, 100).toArray();
        assertThat(LatencySummary.percentile(sorted, 0.50)).isEqualTo(50);
        assertThat(LatencySummary.percentile(sorted, 0.99)).isEqualTo(99);
        assertThat(LatencySummary.percentile(sorted, 0.999)).isEqualTo(100);
        assertThat(LatencySummary.percentile(new long[] {7}, 0.5)).isEqualTo(7);
    }

    @Test
    void summarisesUnsortedMillisecondLatenciesAndThroughput() {
        // 1000 operations of 1..1000 microseconds, shuffled, in half a second of wall time.
        long[] latencies = LongStream.rangeClosed(1, 1000).map(i -> ((i * 7919) % 1000 + 1) * 1000).toArray();
        LatencySummary summary = LatencySummary.of(latencies, 500_000_000L);
        assertThat(summary.count()).isEqualTo(1000);
        assertThat(summary.perSecond()).isCloseTo(2000.0, within(1e-9));
        assertThat(summary.p50Millis()).isCloseTo(0.500, within(1e-9));
        assertThat(summary.p99Millis()).isCloseTo(0.990, within(1e-9));
        assertThat(summary.maxMillis()).isCloseTo(1.000, within(1e-9));
        assertThat(summary.meanMillis()).isCloseTo(0.5005, within(1e-9));
        assertThat(latencies[0]).as("the caller's array is not reordered").isEqualTo(((7919 % 1000) + 1) * 1000L);
    }

    @Test
    void refusesAnEmptyRun() {
        assertThatThrownBy(() -> LatencySummary.of(new long[0], 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void measuresEveryOperationOnceOnEachThreadsOwnOperation() throws InterruptedException {
        int count = 2_000;
        AtomicIntegerArray runs = new AtomicIntegerArray(count);
        Set<Integer> threadsAsked = ConcurrentHashMap.newKeySet();
        Set<Integer> threadsRun = ConcurrentHashMap.newKeySet();
        // Both threads must have started before any operation ends, so each takes part.
        CountDownLatch bothStarted = new CountDownLatch(2);
        LatencySummary summary = LatencySummary.measure(count, 2, thread -> {
            assertThat(threadsAsked.add(thread)).as("asked once per thread").isTrue();
            return i -> {
                if (threadsRun.add(thread)) {
                    bothStarted.countDown();
                }
                try {
                    assertThat(bothStarted.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                runs.incrementAndGet(i);
            };
        });
        assertThat(threadsAsked).containsExactlyInAnyOrder(0, 1);
        assertThat(threadsRun).hasSize(2);
        for (int i = 0; i < count; i++) {
            assertThat(runs.get(i)).as("operation " + i).isEqualTo(1);
        }
        assertThat(summary.count()).isEqualTo(count);
        assertThat(summary.perSecond()).isEqualTo(count / summary.seconds());
        assertThat(summary.maxMillis()).isGreaterThanOrEqualTo(summary.p50Millis()).isPositive();
    }

    @Test
    void anOperationsExceptionEndsTheMeasurement() {
        IllegalStateException failure = new IllegalStateException("registry down");
        assertThatThrownBy(() -> LatencySummary.measure(100, 2, thread -> i -> {
            if (i == 42) {
                throw failure;
            }
        })).isSameAs(failure);
        assertThatThrownBy(() -> LatencySummary.measure(0, 2, thread -> i -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
