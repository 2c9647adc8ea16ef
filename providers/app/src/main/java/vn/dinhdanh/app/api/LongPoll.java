package vn.dinhdanh.app.api;

import java.util.concurrent.Semaphore;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A waiting browser's long poll: asks again every 200 ms while the answer is still "waiting", for up to 20 s.
 * Each waiting request holds a worker thread: past 16 on this node, answers at once (the page asks again a
 * second later), so waiting pages never starve the token endpoint.
 */
final class LongPoll {

    static final int MAX_WAIT_SECONDS = 20;
    private static final Semaphore WAITING = new Semaphore(16);

    private LongPoll() {
    }

    static <T> T await(Supplier<T> read, Predicate<T> waiting, int seconds) {
        T value = read.get();
        int wait = Math.max(0, Math.min(seconds, MAX_WAIT_SECONDS));
        if (!waiting.test(value) || wait == 0 || !WAITING.tryAcquire()) {
            return value;
        }
        try {
            long deadline = System.nanoTime() + wait * 1_000_000_000L;
            while (waiting.test(value) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                value = read.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            WAITING.release();
        }
        return value;
    }
}
