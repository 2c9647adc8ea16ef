package vn.dinhdanh.waiting;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The browsers waiting on this node, by what they wait for (a challenge id): each is a future, completed by
 * {@link #wake} with the new state, or after its timeout with {@code null} ("still waiting"). A waiting
 * browser holds no thread: only this entry, until the wake or the timeout. Node-local by nature (a waiting
 * request lives on the node that holds its connection); what it waits for lives in the cluster-wide store,
 * and the wake comes from whichever node recorded it (see {@link ClusterWaiters}).
 */
public final class Waiters {

    /**
     * A bound on this node's waiting requests, for memory only (an entry is a few hundred bytes; the
     * connections themselves are the real limit): past it a request answers at once and the page asks again.
     */
    public static final int MAX_WAITING = 50_000;

    private final Map<String, Set<CompletableFuture<String>>> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    /**
     * A future for {@code key}: the state given to {@link #wake}, or {@code null} after {@code timeout}; empty
     * when this node waits for too many already. Register before reading the current state, so a wake between
     * the read and the registration is never lost.
     */
    public Optional<CompletableFuture<String>> await(String key, Duration timeout) {
        if (count.incrementAndGet() > MAX_WAITING) {
            count.decrementAndGet();
            return Optional.empty();
        }
        CompletableFuture<String> future = new CompletableFuture<>();
        waiting.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(future);
        future.whenComplete((state, error) -> forget(key, future));
        future.completeOnTimeout(null, timeout.toMillis(), TimeUnit.MILLISECONDS);
        return Optional.of(future);
    }

    private void forget(String key, CompletableFuture<String> future) {
        waiting.computeIfPresent(key, (k, futures) -> {
            if (futures.remove(future)) {
                count.decrementAndGet();
            }
            return futures.isEmpty() ? null : futures;
        });
    }

    /** Answers every request on this node waiting for {@code key} with {@code state}; how many there were. */
    public int wake(String key, String state) {
        Set<CompletableFuture<String>> futures = waiting.get(key);
        if (futures == null) {
            return 0;
        }
        int woken = 0;
        for (CompletableFuture<String> future : Set.copyOf(futures)) {
            if (future.complete(state)) {
                woken++;
            }
        }
        return woken;
    }

    /** How many requests wait on this node now. */
    public int waiting() {
        return count.get();
    }
}
