package vn.dinhdanh.bench.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A login page's long poll, running on its own as the page's script does while the citizen acts
 * ({@code dinhdanh-app.js}: {@code GET <state-url>?wait=20&seen=<state shown>}; {@code dinhdanh-chip.js}:
 * {@code ?wait=20}): a new intermediate state ({@code scanned}) is shown and asked past at once; a quick
 * {@code pending} (a server answering without waiting) waits a second before asking again, an error two; ends at
 * the first answer in {@code done}. While it runs it counts as one browser waiting ({@link Waiting}).
 */
final class PagePoll {

    /** Browsers whose page waits now, and the most seen at once. */
    static final class Waiting {
        private final AtomicInteger now = new AtomicInteger();
        private final AtomicInteger peak = new AtomicInteger();

        void enter() {
            peak.accumulateAndGet(now.incrementAndGet(), Math::max);
        }

        void leave() {
            now.decrementAndGet();
        }

        int peak() {
            return peak.get();
        }

        void resetPeak() {
            peak.set(now.get());
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SECOND = 1_000_000_000L;
    private static final int MAX_ROUNDS = 200;

    private final Browser browser;
    private final String stateUrl;
    private final boolean sendsSeen;
    private final Set<String> done;
    private final Set<String> intermediate;
    private final Waiting waiting;
    private final CompletableFuture<Long> answered = new CompletableFuture<>();
    private volatile String seen = "pending";
    private volatile long asked;
    private volatile int rounds;

    private PagePoll(Browser browser, String stateUrl, boolean sendsSeen, Set<String> done, Set<String> intermediate, Waiting waiting) {
        this.browser = browser;
        this.stateUrl = stateUrl;
        this.sendsSeen = sendsSeen;
        this.done = done;
        this.intermediate = intermediate;
        this.waiting = waiting;
    }

    /** The VNeID page's poll: ends at {@code decided}; {@code scanned} (a QR code) is shown and waited past. */
    static PagePoll app(Browser browser, URI stateUrl, Waiting waiting) {
        return new PagePoll(browser, stateUrl.toString(), true, Set.of("decided"), Set.of("scanned"), waiting).begin();
    }

    /** The chip page's poll: ends at {@code answered}. */
    static PagePoll chip(Browser browser, URI stateUrl, Waiting waiting) {
        return new PagePoll(browser, stateUrl.toString(), false, Set.of("answered"), Set.of(), waiting).begin();
    }

    private PagePoll begin() {
        waiting.enter();
        answered.whenComplete((at, error) -> waiting.leave());
        ask();
        return this;
    }

    private void ask() {
        if (answered.isDone()) {
            return; // stopped
        }
        if (++rounds > MAX_ROUNDS) {
            answered.completeExceptionally(new LoginFailure("the long poll never answered " + done));
            return;
        }
        asked = System.nanoTime();
        URI uri = URI.create(stateUrl + "?wait=20" + (sendsSeen ? "&seen=" + seen : ""));
        browser.fetchAsync(uri).whenComplete(this::arrived);
    }

    /** Runs as an answer arrives: its time, what it says, and what the page does next. */
    private void arrived(HttpResponse<String> response, Throwable error) {
        long at = System.nanoTime();
        String state = error != null ? "error" : stateOf(response);
        if (done.contains(state)) {
            answered.complete(at);
        } else if (intermediate.contains(state)) {
            seen = state;
            ask();
        } else if (state.equals("error")) {
            later(2000);
        } else if (state.equals("pending") || state.equals(seen)) {
            if (at - asked < SECOND) {
                later(1000);
            } else {
                ask();
            }
        } else {
            answered.completeExceptionally(new LoginFailure("the long poll answered " + state));
        }
    }

    private void later(long millis) {
        CompletableFuture.runAsync(this::ask, CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
    }

    /** When the answer in {@code done} arrived ({@link System#nanoTime}). */
    long await() {
        try {
            return answered.get(120, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof LoginFailure failure ? failure : new LoginFailure("long poll failed: " + e.getCause());
        } catch (TimeoutException e) {
            throw new LoginFailure("the long poll did not answer " + done + " within two minutes");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginFailure("interrupted");
        } finally {
            stop();
        }
    }

    /** No more asking (the login ended, or failed before the answer). */
    void stop() {
        answered.completeExceptionally(new LoginFailure("stopped"));
    }

    private static String stateOf(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return "error";
        }
        try {
            return JSON.readTree(response.body()).path("state").asText("error");
        } catch (IOException e) {
            return "error";
        }
    }
}
