package vn.dinhdanh.bench.probe;

import java.util.List;
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
        AtomicInteger notFound = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        LatencySummary latency = LatencySummary.measure(usernames.size(), threads, thread -> i -> {
            try {
                if (!lookUp(factory, realmId, usernames.get(i))) {
                    notFound.incrementAndGet();
                }
            } catch (RuntimeException e) {
                failed.incrementAndGet();
            }
        });
        return new Outcome(latency, notFound.get(), failed.get());
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
