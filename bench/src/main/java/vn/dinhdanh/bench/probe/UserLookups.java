package vn.dinhdanh.bench.probe;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Looks users up by username the way a login does: each lookup in its own Keycloak session and
 * transaction, through {@code session.users()} (the storage manager: the realm's local JPA store
 * first, then its user storage providers), then reads the user's attributes as a mapper would.
 */
final class UserLookups {

    record Outcome(LatencySummary latency, int notFound, int failed) {
    }

    private UserLookups() {
    }

    static Outcome run(KeycloakSessionFactory factory, String realmId, List<String> usernames, int threads)
            throws InterruptedException {
        long[] latencies = new long[usernames.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger notFound = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> new Thread(runnable, "lookup-bench"));
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                for (int i = next.getAndIncrement(); i < latencies.length; i = next.getAndIncrement()) {
                    long begin = System.nanoTime();
                    try {
                        if (!lookUp(factory, realmId, usernames.get(i))) {
                            notFound.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                    }
                    latencies[i] = System.nanoTime() - begin;
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(1, TimeUnit.HOURS)) {
            pool.shutdownNow();
            throw new IllegalStateException("lookups did not finish within an hour");
        }
        return new Outcome(LatencySummary.of(latencies, System.nanoTime() - started), notFound.get(), failed.get());
    }

    private static boolean lookUp(KeycloakSessionFactory factory, String realmId, String username) {
        return KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
            RealmModel realm = session.realms().getRealm(realmId);
            session.getContext().setRealm(realm);
            UserModel user = session.users().getUserByUsername(realm, username);
            return user != null && !user.getAttributes().isEmpty();
        });
    }
}
