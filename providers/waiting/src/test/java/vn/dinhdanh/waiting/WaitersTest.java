package vn.dinhdanh.waiting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WaitersTest {

    private final Waiters waiters = new Waiters();

    @Test
    @DisplayName("a wake answers every request waiting on its key, and only those")
    void wakeAnswersItsKey() {
        CompletableFuture<String> first = waiters.await("a", Duration.ofSeconds(20)).orElseThrow();
        CompletableFuture<String> second = waiters.await("a", Duration.ofSeconds(20)).orElseThrow();
        CompletableFuture<String> other = waiters.await("b", Duration.ofSeconds(20)).orElseThrow();
        assertThat(waiters.waiting()).isEqualTo(3);

        assertThat(waiters.wake("a", "DECIDED")).isEqualTo(2);

        assertThat(first).isCompletedWithValue("DECIDED");
        assertThat(second).isCompletedWithValue("DECIDED");
        assertThat(other).isNotDone();
        assertThat(waiters.waiting()).isEqualTo(1);
        assertThat(waiters.wake("a", "DECIDED")).isZero();
    }

    @Test
    @DisplayName("a wait nobody wakes ends after its timeout with null (still waiting) and is forgotten")
    void timeoutAnswersStillWaiting() throws Exception {
        CompletableFuture<String> waiting = waiters.await("a", Duration.ofMillis(50)).orElseThrow();
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isNull();
        // The timeout completes the future on the JDK's delayer thread, which then forgets the entry: get() may
        // return before that, so the count is read once it has settled.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (waiters.waiting() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(waiters.waiting()).isZero();
    }

    @Test
    @DisplayName("holds a thousand waiting requests without a thread each, and wakes each one")
    void manyWaitersNoThreads() {
        int threads = Thread.activeCount();
        List<CompletableFuture<String>> all = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            all.add(waiters.await("c" + i, Duration.ofSeconds(30)).orElseThrow());
        }
        assertThat(waiters.waiting()).isEqualTo(1000);
        assertThat(Thread.activeCount()).isLessThanOrEqualTo(threads + 2); // the JDK's one timeout thread, at most
        for (int i = 0; i < 1000; i++) {
            waiters.wake("c" + i, "ANSWERED");
        }
        assertThat(all).allSatisfy(f -> assertThat(f).isCompletedWithValue("ANSWERED"));
        assertThat(waiters.waiting()).isZero();
    }

    @Test
    @DisplayName("past the node's bound a request is not registered: it answers at once")
    void bounded() {
        for (int i = 0; i < Waiters.MAX_WAITING; i++) {
            assertThat(waiters.await("k", Duration.ofSeconds(30))).isPresent();
        }
        assertThat(waiters.await("k", Duration.ofSeconds(30))).isEmpty();
        assertThat(waiters.wake("k", "DECIDED")).isEqualTo(Waiters.MAX_WAITING);
        assertThat(waiters.await("k", Duration.ofSeconds(30))).isPresent();
    }
}
