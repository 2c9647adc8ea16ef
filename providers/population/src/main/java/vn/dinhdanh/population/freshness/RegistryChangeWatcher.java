package vn.dinhdanh.population.freshness;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.storage.StorageId;
import org.keycloak.storage.UserStorageProvider;
import org.keycloak.timer.ScheduledTask;
import vn.dinhdanh.population.registry.ConnectionSource;
import vn.dinhdanh.population.registry.RegistryClient;
import vn.dinhdanh.population.registry.RegistryUnavailableException;

/**
 * Follows the registry's change feed and ends the sessions of every citizen whose record changed
 * (death, block, card revocation, level change...), so that the next token refresh or SSO login
 * meets the registry as it is now. Runs on every node, each reading the feed from where it started;
 * ending sessions is idempotent and Keycloak's session store is cluster-wide.
 */
public final class RegistryChangeWatcher implements ScheduledTask {

    public static final String NAME = "dinhdanh-registry-changes";
    private static final Logger LOG = Logger.getLogger(RegistryChangeWatcher.class);
    private static final int BATCH = 1000;

    private final String providerId;
    private final String unitConfigKey;
    private final String defaultUnit;
    /** The registry's connections in a session, by datasource (JPA unit) name. */
    private final BiFunction<KeycloakSession, String, ConnectionSource> connections;
    /** Position in the feed per component: this node's reading position, not login state. */
    private final Map<String, Long> positions = new ConcurrentHashMap<>();
    private volatile boolean failing;

    public RegistryChangeWatcher(String providerId, String unitConfigKey, String defaultUnit,
                                 BiFunction<KeycloakSession, String, ConnectionSource> connections) {
        this.providerId = providerId;
        this.unitConfigKey = unitConfigKey;
        this.defaultUnit = defaultUnit;
        this.connections = connections;
    }

    @Override
    public void run(KeycloakSession session) {
        session.realms().getRealmsStream().forEach(realm -> realm
                .getComponentsStream(realm.getId(), UserStorageProvider.class.getName())
                .filter(component -> providerId.equals(component.getProviderId()))
                .forEach(component -> follow(session, realm, component)));
    }

    private void follow(KeycloakSession session, RealmModel realm, ComponentModel component) {
        session.getContext().setRealm(realm); // user and session lookups need the realm outside a request
        RegistryClient registry = new RegistryClient(
                connections.apply(session, component.get(unitConfigKey, defaultUnit)));
        try {
            Long position = positions.get(component.getId());
            if (position == null) {
                positions.put(component.getId(), registry.lastChange()); // start from now
                return;
            }
            List<RegistryClient.Change> changes = registry.changesSince(position, BATCH);
            for (RegistryClient.Change change : changes) {
                UserModel user = session.users().getUserById(realm, StorageId.keycloakId(component, change.idNumber()));
                if (user != null) {
                    session.sessions().removeUserSessions(realm, user);
                    session.sessions().getOfflineUserSessionsStream(realm, user).toList()
                            .forEach(offline -> session.sessions().removeOfflineUserSession(realm, offline));
                }
                position = change.seq();
            }
            positions.put(component.getId(), position);
            if (failing) {
                LOG.info("registry change feed readable again");
                failing = false;
            }
        } catch (RegistryUnavailableException e) {
            if (!failing) {
                LOG.warnf("registry change feed unreadable (%s); retrying", e.getCause() == null ? e.getMessage() : e.getCause().getClass().getSimpleName());
                failing = true;
            }
        }
    }

    @Override
    public String getTaskName() {
        return NAME;
    }
}
