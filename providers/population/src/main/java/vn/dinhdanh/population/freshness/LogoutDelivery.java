package vn.dinhdanh.population.freshness;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * This node's share of delivering the logout outbox ({@link LogoutNotices}), off the feed's path: one thread claims
 * due notices (every poll interval, and at once when this node's feed processing has committed new ones) and hands
 * each to one of {@link #SENDERS} sender threads. A relying party that never answers holds one sender until the send's
 * deadline, never the feed nor the other relying parties' notices. Nothing here is state: a node that dies loses
 * only its leases, which run out for the other nodes.
 */
public final class LogoutDelivery implements AutoCloseable {

    /** Notices this node sends at the same time. */
    static final int SENDERS = 8;
    private static final Logger LOG = Logger.getLogger(LogoutDelivery.class);

    private final KeycloakSessionFactory factory;
    private final Backoff backoff;
    /**
     * This JVM ({@code pid@host}, as the operator's process list and the tests see it); each claim's lease is this
     * plus a random id, so that a send of this JVM that outlived its lease cannot settle the row's next claim (by
     * this JVM or by a restarted one with the same pid and host).
     */
    private final String holder = ManagementFactory.getRuntimeMXBean().getName();
    private final ScheduledExecutorService claimer = Executors.newSingleThreadScheduledExecutor(named("dinhdanh-logout-claims"));
    /** The sends' deadlines: not the claim thread, which a slow database may hold past them. */
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(named("dinhdanh-logout-deadlines"));
    private final ExecutorService senders = Executors.newFixedThreadPool(SENDERS, named("dinhdanh-logout-sender"));
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean failing;

    public LogoutDelivery(KeycloakSessionFactory factory, Backoff backoff) {
        this.factory = factory;
        this.backoff = backoff;
    }

    /** Looks for due notices every {@code pollMillis}. */
    public void start(long pollMillis) {
        claimer.scheduleWithFixedDelay(this::claimDue, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    /** New notices were committed, or a sender is free: look now. */
    void wake() {
        try {
            claimer.execute(this::claimDue);
        } catch (RejectedExecutionException e) {
            // shutting down: the other nodes (or this one, started again) deliver them
        }
    }

    private void claimDue() {
        try {
            while (inFlight.get() < SENDERS) {
                String lease = holder + "/" + UUID.randomUUID();
                Optional<LogoutNotices.Notice> claimed = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                        session -> new LogoutNotices(session).claim(lease));
                if (claimed.isEmpty()) {
                    break;
                }
                LogoutNotices.Notice notice = claimed.get();
                if (notice.previousHolder() != null && !notice.previousHolder().startsWith(holder + "/")) {
                    LOG.infof("logout notice taken over from %s (its lease ran out)", notice.previousHolder());
                }
                inFlight.incrementAndGet();
                senders.execute(() -> {
                    try {
                        deliver(notice, lease);
                    } finally {
                        inFlight.decrementAndGet();
                        wake();
                    }
                });
            }
            if (failing) {
                LOG.info("logout outbox readable again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warnf("logout outbox unreadable (%s); retrying", e.getClass().getSimpleName());
                failing = true;
            }
        }
    }

    private void deliver(LogoutNotices.Notice notice, String lease) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                RealmModel realm = session.realms().getRealm(notice.realmId());
                ClientModel client = realm == null ? null : realm.getClientById(notice.clientId());
                NoticeSender.Outcome outcome;
                try {
                    outcome = new NoticeSender(session, deadlines).send(notice, realm, client);
                } catch (java.io.IOException | RuntimeException e) {
                    LOG.warnf("logout notice to client %s could not be sent (%s)", client == null ? "?" : client.getClientId(),
                            e.getClass().getSimpleName());
                    outcome = new NoticeSender.Outcome(false, false, null);
                }
                LogoutNotices notices = new LogoutNotices(session);
                int attempts = notice.attempts() + 1;
                if (outcome.accepted() || outcome.nobody()) {
                    if (outcome.accepted() && attempts > 1) {
                        LOG.infof("logout notice to client %s delivered at attempt %d", client.getClientId(), attempts);
                    }
                    notices.done(notice, lease);
                } else if (backoff.givenUp(notice.firstAt(), System.currentTimeMillis())) {
                    new DeliveryFailures(session).failed(realm, client, notice.protocol(), attempts, outcome.lastStatus());
                    notices.done(notice, lease);
                } else {
                    if (attempts == 1) {
                        LOG.infof("logout notice to client %s failed (last status %s); retrying with backoff", client.getClientId(),
                                outcome.lastStatus() == null ? "no_answer" : outcome.lastStatus());
                    }
                    notices.failed(notice, lease, attempts, System.currentTimeMillis() + backoff.delayMillis(attempts));
                }
            });
        } catch (RuntimeException e) {
            // The lease runs out and the notice is tried again (by any node): at least once, never lost.
            LOG.warnf("logout notice outcome not recorded (%s); retried once its lease runs out", e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        claimer.shutdownNow();
        senders.shutdownNow();
        deadlines.shutdownNow();
    }

    private static ThreadFactory named(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
