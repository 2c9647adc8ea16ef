package vn.dinhdanh.bench.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;
import vn.dinhdanh.bench.probe.LatencySummary;

/**
 * Logins on {@code workers} threads, each starting its next login as soon as the last one ended, until
 * {@code limit} has passed or {@code count} logins have started. Every login is timed; a failed one is
 * counted by its reason and the worker goes on (nothing is retried). Throughput is completed logins over
 * the wall time from the start until the last worker stopped, so logins in flight at the deadline count
 * with their time.
 */
final class LoadRun {

    /** One worker's login: called with the login's number; returns what it measured, throws when it failed. */
    @FunctionalInterface
    interface Login<T> {
        T run(int index) throws InterruptedException;
    }

    /** What a run gave: every completed login's outcome (in order of completion), failures by reason. */
    record Result<T>(List<T> outcomes, long[] nanos, long wallNanos, Map<String, Integer> failures) {

        int completed() {
            return outcomes.size();
        }

        int failed() {
            return failures.values().stream().mapToInt(Integer::intValue).sum();
        }

        double perSecond() {
            return completed() / (wallNanos / 1e9);
        }

        /** The logins' own times, and logins per second. */
        LatencySummary summary() {
            return LatencySummary.of(nanos, wallNanos);
        }

        /** Several runs of the same kind of login as one: their logins together, over their times added up. */
        static <T> Result<T> merge(List<Result<T>> runs) {
            List<T> outcomes = new ArrayList<>();
            long[] nanos = runs.stream().flatMapToLong(r -> Arrays.stream(r.nanos())).toArray();
            Map<String, Integer> failures = new TreeMap<>();
            long wall = 0;
            for (Result<T> run : runs) {
                outcomes.addAll(run.outcomes());
                run.failures().forEach((reason, count) -> failures.merge(reason, count, Integer::sum));
                wall += run.wallNanos();
            }
            return new Result<>(outcomes, nanos, wall, failures);
        }
    }

    private LoadRun() {
    }

    /** @param duration how long a login took, nanoseconds, from what it measured */
    static <T> Result<T> run(int workers, Duration limit, int count, IntFunction<Login<T>> perWorker, ToLongFunction<T> duration)
            throws InterruptedException {
        if (workers < 1 || count < 1) {
            throw new IllegalArgumentException("nothing to run");
        }
        List<Login<T>> logins = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            logins.add(perWorker.apply(w));
        }
        List<T> outcomes = Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        List<Thread> threads = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            Login<T> login = logins.get(w);
            Thread thread = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < count && System.nanoTime() < deadline; i = next.getAndIncrement()) {
                    try {
                        outcomes.add(login.run(i));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (RuntimeException e) {
                        failures.merge(reason(e), 1, Integer::sum);
                    }
                }
            }, "login-" + w);
            threads.add(thread);
            thread.start();
        }
        try {
            for (Thread thread : threads) {
                thread.join();
            }
        } finally {
            threads.forEach(Thread::interrupt);
        }
        long wall = System.nanoTime() - started;
        List<T> done;
        synchronized (outcomes) {
            done = List.copyOf(outcomes);
        }
        if (done.isEmpty()) {
            throw new IllegalStateException("no login completed; failures: " + failures);
        }
        long[] nanos = done.stream().mapToLong(duration).toArray();
        return new Result<>(done, nanos, wall, new TreeMap<>(failures));
    }

    /** A failure's reason without the varying parts (never a citizen: the scripts' messages name none). */
    static String reason(RuntimeException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return e instanceof LoginFailure ? message : e.getClass().getSimpleName() + ": " + message;
    }
}
