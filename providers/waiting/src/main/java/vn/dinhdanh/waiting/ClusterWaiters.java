package vn.dinhdanh.waiting;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.keycloak.cluster.ClusterEvent;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;

/**
 * A login page's long poll, woken across the cluster. A state request that finds nothing new registers in this
 * node's {@link Waiters} and returns a {@link CompletionStage}: Keycloak's request handling closes the request's
 * session and frees the worker thread, and the answer is written when the stage completes. The node that records a
 * decision (in Keycloak's cluster-wide single-use store) sends a {@link Wakeup} through Keycloak's
 * {@link ClusterProvider} after its transaction commits; every node, this one too, answers its pages waiting on that
 * challenge. Nothing re-reads the store on a timer: a wait that sees no wakeup ends after its timeout with the state it
 * started from ("still waiting"), and the page asks again, which reads the store (so a wakeup lost with a crashed node
 * costs one timeout, never a login).
 */
public final class ClusterWaiters {

    private static final Logger LOG = Logger.getLogger(ClusterWaiters.class);

    private final String channel;
    private final Waiters waiters = new Waiters();
    private final WaitMeters meters;

    /** Waiters on {@code channel} (a {@link ClusterProvider} task key, one per kind of page), metered as {@code page}. */
    public ClusterWaiters(String channel, String page) {
        this.channel = channel;
        this.meters = new WaitMeters(page, waiters);
    }

    /** Listens to this channel's wakeups once the server has started (from a factory's {@code postInit}). */
    public void listen(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory,
                        session -> session.getProvider(ClusterProvider.class).registerListener(channel, this::received));
            }
        });
    }

    private void received(ClusterEvent event) {
        if (event instanceof Wakeup wakeup) {
            int woken = waiters.wake(wakeup.key(), wakeup.state());
            meters.continued(wakeup.recordedAt(), woken);
        }
    }

    /**
     * The long poll over a state of type {@code S}: {@code read} now (on the request's thread, with its session); when
     * {@code stillWaiting} it, waits up to {@code timeout} for a wakeup of {@code key} ({@code woken} turns the
     * wakeup's state into an {@code S}), and else answers the state read. Reading after registering loses no wakeup.
     */
    public <S> CompletionStage<S> await(String key, Duration timeout, Supplier<S> read, Predicate<S> stillWaiting,
                                        Function<String, S> woken) {
        if (timeout.isZero() || timeout.isNegative()) {
            return CompletableFuture.completedFuture(read.get());
        }
        Optional<CompletableFuture<String>> wait = waiters.await(key, timeout);
        S now = read.get();
        if (wait.isEmpty() || !stillWaiting.test(now)) {
            wait.ifPresent(future -> future.complete(null));
            return CompletableFuture.completedFuture(now);
        }
        return wait.get().thenApply(state -> state == null ? now : woken.apply(state));
    }

    /**
     * Wakes the pages waiting for {@code key} on every node with {@code newState}, once {@code session}'s transaction has
     * committed (the single-use store writes with it: a page woken earlier could read the old state). A failure to send
     * is logged, never the decision's failure: the pages then learn it at their next request.
     */
    public static void wakeAfterCommit(KeycloakSession session, String channel, String key, String newState) {
        ClusterProvider cluster = session.getProvider(ClusterProvider.class);
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                try {
                    cluster.notify(channel, new Wakeup(key, newState, System.currentTimeMillis()), false,
                            ClusterProvider.DCNotify.ALL_DCS);
                } catch (RuntimeException e) {
                    LOG.warnf("waiting pages not woken (%s): they learn it at their next request: %s", channel, e.toString());
                }
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    /** How many requests wait on this node now. */
    public int waiting() {
        return waiters.waiting();
    }
}
