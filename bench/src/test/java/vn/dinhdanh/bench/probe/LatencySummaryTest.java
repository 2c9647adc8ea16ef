package vn.dinhdanh.bench.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
}
