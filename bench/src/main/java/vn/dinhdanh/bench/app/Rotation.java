package vn.dinhdanh.bench.app;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Citizens taken in turn by concurrent workers: each by one login at a time (a phone's signature counter moves
 * on), the least recently used first. With {@code perMinute} > 0, a citizen is never handed out more often than
 * that in any minute (the server's push limit per citizen, so the run never trips it): a worker that would
 * exceed it waits, and {@link #waitedNanos} says how long — non-zero means the run had too few citizens.
 */
final class Rotation<T> {

    /** One citizen and the times of its latest uses (oldest first). */
    private static final class Entry<T> {
        final T item;
        final Deque<Long> uses = new ArrayDeque<>();

        Entry(T item) {
            this.item = item;
        }
    }

    /** What a worker holds while it logs a citizen in; give it back with {@link Rotation#give}. */
    static final class Lease<T> {
        private final Entry<T> entry;

        private Lease(Entry<T> entry) {
            this.entry = entry;
        }

        T item() {
            return entry.item;
        }
    }

    private static final long MINUTE = 60_000_000_000L;
    /** A second beyond the minute: the server's slots expire on its own clock. */
    private static final long MARGIN = 1_000_000_000L;

    private final LinkedBlockingQueue<Entry<T>> queue = new LinkedBlockingQueue<>();
    private final int perMinute;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private final AtomicLong waited = new AtomicLong();

    /** Waits {@code nanos}; a test's clock moves instead. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    Rotation(Collection<T> items, int perMinute, LongSupplier clock, Sleeper sleeper) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("no citizens to rotate");
        }
        items.forEach(item -> queue.add(new Entry<>(item)));
        this.perMinute = perMinute;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    Rotation(Collection<T> items, int perMinute) {
        this(items, perMinute, System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    /** The least recently used citizen, once its next use stays within the per-minute limit. */
    Lease<T> take() throws InterruptedException {
        Entry<T> entry = queue.take();
        if (perMinute > 0 && entry.uses.size() == perMinute) {
            long wait = entry.uses.peekFirst() + MINUTE + MARGIN - clock.getAsLong();
            if (wait > 0) {
                waited.addAndGet(wait);
                sleeper.sleep(wait);
            }
            entry.uses.removeFirst();
        }
        if (perMinute > 0) {
            entry.uses.addLast(clock.getAsLong());
        }
        return new Lease<>(entry);
    }

    void give(Lease<T> lease) {
        queue.add(lease.entry);
    }

    /** One use of the next citizen ({@link #take}), given back afterwards whatever {@code use} does. */
    <R> R use(Function<T, R> use) throws InterruptedException {
        Lease<T> lease = take();
        try {
            return use.apply(lease.item());
        } finally {
            give(lease);
        }
    }

    /** The time workers spent waiting for a citizen's push slot, nanoseconds, summed over workers. */
    long waitedNanos() {
        return waited.get();
    }
}
