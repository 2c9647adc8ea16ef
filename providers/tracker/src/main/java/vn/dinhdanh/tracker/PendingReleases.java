package vn.dinhdanh.tracker;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;

/**
 * The releases of one request, written when its transaction commits. Enlisted in the PREPARE phase of Keycloak's
 * transaction manager: that runs before the JTA transaction (Keycloak's JPA writes) commits, inside it, so the rows
 * are committed with the request's own changes or rolled back with them; and it runs after every mapper, so the
 * ID token's and the access token's items make one row.
 */
final class PendingReleases extends AbstractKeycloakTransaction {

    private static final String ATTRIBUTE = PendingReleases.class.getName();

    private final KeycloakSession session;
    private final Map<String, Release> pending = new LinkedHashMap<>();

    private PendingReleases(KeycloakSession session) {
        this.session = session;
    }

    static PendingReleases of(KeycloakSession session) {
        PendingReleases releases = session.getAttribute(ATTRIBUTE, PendingReleases.class);
        if (releases == null) {
            releases = new PendingReleases(session);
            session.setAttribute(ATTRIBUTE, releases);
            session.getTransactionManager().enlistPrepare(releases);
        }
        return releases;
    }

    void add(Release release) {
        Release known = pending.putIfAbsent(release.key(), release);
        if (known != null) {
            known.mergeFrom(release);
        }
    }

    @Override
    protected void commitImpl() {
        DataTracker tracker = session.getProvider(DataTracker.class);
        for (Release release : pending.values()) {
            tracker.append(release);
        }
        pending.clear();
    }

    @Override
    protected void rollbackImpl() {
        pending.clear();
    }
}
