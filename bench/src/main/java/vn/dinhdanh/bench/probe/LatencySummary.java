package vn.dinhdanh.bench.probe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * Latency percentiles (nearest rank) and throughput of one measured run: every operation's own
 * time, not an average of batches, so p99 is the 99th percentile of real operations.
 */
public record LatencySummary(int count, double seconds, double perSecond, double p50Millis, double p90Millis,
                             double p99Millis, double p999Millis, double maxMillis, double meanMillis) {

    /**
     * Runs operations {@code 0 .. count-1} once each on {@code threads} threads and times every one: each
     * thread takes the next index until none is left. {@code perThreadOperation} is asked for one operation
     * per thread (thread {@code 0 .. threads-1}) before the clock starts, so per-thread resources (a
     * connection) are not in the wall time. An operation that throws ends the measurement with that
     * exception once every thread has stopped; an operation that must count its failures catches them.
     *
     * @throws IllegalStateException when the operations have not finished within an hour
     */
    public static LatencySummary measure(int count, int threads, IntFunction<IntConsumer> perThreadOperation)
            throws InterruptedException {
        if (count < 1 || threads < 1) {
            throw new IllegalArgumentException("nothing to measure");
        }
        List<IntConsumer> operations = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            operations.add(perThreadOperation.apply(t));
        }
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> new Thread(runnable, "lookup-bench"));
        try {
            long started = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>(threads);
            for (IntConsumer operation : operations) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < latencies.length; i = next.getAndIncrement()) {
                        long begin = System.nanoTime();
                        operation.accept(i);
                        latencies[i] = System.nanoTime() - begin;
                    }
                }));
            }
            pool.shutdown();
            if (!pool.awaitTermination(1, TimeUnit.HOURS)) {
                throw new IllegalStateException("the operations did not finish within an hour");
            }
            long wall = System.nanoTime() - started;
            for (Future<?> worker : workers) {
                try {
                    worker.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
            return of(latencies, wall);
        } finally {
            pool.shutdownNow();
        }
    }

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
