package vn.dinhdanh.app.api;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import vn.dinhdanh.app.push.PushChallenges;
import vn.dinhdanh.waiting.ClusterWaiters;

/**
 * A waiting browser's long poll on a push or QR challenge: answers at once when the state is new to the page,
 * else waits (holding no thread) until the node that records a scan or a decision wakes it through the cluster,
 * for up to 20 s; then "still waiting", and the page asks again.
 */
final class LongPoll {

    static final int MAX_WAIT_SECONDS = 20;

    private LongPoll() {
    }

    /** The state of challenge {@code id} once it is neither pending nor {@code seen} (what the page shows), or after {@code seconds}. */
    static CompletionStage<PushChallenges.State> await(ClusterWaiters waiters, PushChallenges challenges, String id, Integer seconds,
                                                      String seen) {
        int wait = Math.max(0, Math.min(seconds == null ? 0 : seconds, MAX_WAIT_SECONDS));
        return waiters.await(id, Duration.ofSeconds(PushChallenges.wellFormed(id) ? wait : 0), () -> challenges.state(id),
                state -> state == PushChallenges.State.PENDING || state.name().equalsIgnoreCase(seen), PushChallenges.State::valueOf);
    }
}
