package vn.dinhdanh.population.freshness;

import java.time.Duration;

/**
 * When to try a relying party again after {@code attempts} failures: 1 s, 2 s, 4 s ... doubling up to
 * {@code cap}; and when to give up: once {@code window} has passed since the first try.
 */
public record Backoff(Duration cap, Duration window) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofMinutes(5), Duration.ofHours(1));

    /** Milliseconds to wait after the {@code attempts}-th failure (1 = the first). */
    long delayMillis(int attempts) {
        long seconds = 1L << Math.min(Math.max(attempts - 1, 0), 30);
        return Math.min(seconds * 1000, cap.toMillis());
    }

    /** Whether a notice first tried at {@code firstAt} (ms) is given up at {@code now} (ms). */
    boolean givenUp(long firstAt, long now) {
        return now - firstAt >= window.toMillis();
    }
}
