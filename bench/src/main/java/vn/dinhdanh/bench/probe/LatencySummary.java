package vn.dinhdanh.bench.probe;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Latency percentiles (nearest rank) and throughput of one measured run: every operation's own
 * time, not an average of batches, so p99 is the 99th percentile of real operations.
 */
public record LatencySummary(int count, double seconds, double perSecond, double p50Millis, double p90Millis,
                             double p99Millis, double p999Millis, double maxMillis, double meanMillis) {

    /** @param latencies each operation's duration in nanoseconds; @param wallNanos the run's wall time */
    public static LatencySummary of(long[] latencies, long wallNanos) {
        if (latencies.length == 0 || wallNanos <= 0) {
            throw new IllegalArgumentException("nothing was measured");
        }
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long latency : sorted) {
            sum += latency;
        }
        double seconds = wallNanos / 1e9;
        return new LatencySummary(sorted.length, seconds, sorted.length / seconds,
                millis(percentile(sorted, 0.50)), millis(percentile(sorted, 0.90)), millis(percentile(sorted, 0.99)),
                millis(percentile(sorted, 0.999)), millis(sorted[sorted.length - 1]), millis(sum / sorted.length));
    }

    /** Nearest rank: the smallest value with at least {@code p} of all values at or below it. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double millis(double nanos) {
        return nanos / 1e6;
    }

    /** For the JSON answer (Keycloak's Jackson serialises maps without extra configuration). */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("count", count);
        map.put("seconds", seconds);
        map.put("perSecond", perSecond);
        map.put("p50Millis", p50Millis);
        map.put("p90Millis", p90Millis);
        map.put("p99Millis", p99Millis);
        map.put("p999Millis", p999Millis);
        map.put("maxMillis", maxMillis);
        map.put("meanMillis", meanMillis);
        return map;
    }
}
