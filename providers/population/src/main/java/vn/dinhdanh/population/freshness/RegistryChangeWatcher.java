package vn.dinhdanh.population.freshness;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.storage.StorageId;
import org.keycloak.storage.UserStorageProvider;
import org.keycloak.timer.ScheduledTask;
import vn.dinhdanh.population.idnumber.InvalidIdNumberException;
import vn.dinhdanh.population.idnumber.PersonalIdNumber;
import vn.dinhdanh.population.registry.CitizenRecord;
import vn.dinhdanh.population.registry.ConnectionSource;
import vn.dinhdanh.population.registry.LoginRefusal;
import vn.dinhdanh.population.registry.RegistryClient;
import vn.dinhdanh.population.registry.RegistryUnavailableException;

/**
 * Follows the registry's change feed, once for the whole cluster: each run (every node, each second) tries
 * to lock the feed's position in Keycloak's database ({@link FeedPosition}); the node that gets it reads the
 * next entries and, in the same transaction, applies them and moves the position. For each citizen changed:
 * <ul>
 *   <li>the login rule refuses the record now (deceased, blocked, card revoked or lost, record inconsistent):
 *       every session ends and relying parties are told ({@link SessionEnding});</li>
 *   <li>the registry's e-ID level is now below 2: the sessions that reached level of assurance 2 end (the
 *       level they claim is no longer the registry's); level-1 sessions go on;</li>
 *   <li>anything else (name, address, a replaced card...): nothing ends; the next token or userinfo reads the
 *       registry anew.</li>
 * </ul>
 * Then {@link CitizenChanged} is published on the session factory for other modules (the VNeID app's devices).
 * Relying parties are told from the logout outbox the same transaction fills ({@link LogoutNotices}), by any node
 * ({@link LogoutDelivery}): no HTTP call is made while the feed's position is locked.
 * A registry that cannot answer leaves the position where it is: the entries are applied when it answers.
 */
public final class RegistryChangeWatcher implements ScheduledTask {

    public static final String NAME = "dinhdanh-registry-changes";
    private static final Logger LOG = Logger.getLogger(RegistryChangeWatcher.class);
    private static final int BATCH = 200;
    /** The e-ID level a session at level of assurance 2 needs in the registry (Keycloak's level 2 is loa:2). */
    private static final int LEVEL_2 = 2;

    private final String providerId;
    private final String unitConfigKey;
    private final String defaultUnit;
    /** The registry's connections in a session, by datasource (JPA unit) name. */
    private final BiFunction<KeycloakSession, String, ConnectionSource> connections;
    private final LogoutDelivery delivery;
    /** The server's public base URI when neither the realm, the session nor {@code --hostname} tells it. */
    private final Optional<URI> frontendUrl;
    private volatile boolean failing;

    public RegistryChangeWatcher(String providerId, String unitConfigKey, String defaultUnit,
                                 BiFunction<KeycloakSession, String, ConnectionSource> connections, LogoutDelivery delivery,
                                 Optional<URI> frontendUrl) {
        this.providerId = providerId;
        this.unitConfigKey = unitConfigKey;
        this.defaultUnit = defaultUnit;
        this.connections = connections;
        this.delivery = delivery;
        this.frontendUrl = frontendUrl;
    }

    @Override
    public void run(KeycloakSession session) {
        session.realms().getRealmsStream().toList().forEach(realm -> realm
                .getComponentsStream(realm.getId(), UserStorageProvider.class.getName())
                .filter(component -> providerId.equals(component.getProviderId()))
                .toList()
                .forEach(component -> follow(session, realm, component)));
    }

    private void follow(KeycloakSession session, RealmModel realm, ComponentModel component) {
        session.getContext().setRealm(realm); // user and session lookups need the realm outside a request
        RegistryClient registry = new RegistryClient(
                connections.apply(session, component.get(unitConfigKey, defaultUnit)));
        try {
            FeedPosition feed = new FeedPosition(session, component.getId());
            OptionalLong position = feed.lock(registry::lastChange);
            if (position.isEmpty()) {
                return; // another node is processing this feed now
            }
            List<RegistryClient.Change> changes = registry.changesSince(position.getAsLong(), BATCH);
            if (changes.isEmpty()) {
                recovered();
                return;
            }
            LOG.debugf("registry changes %d..%d: processing", changes.get(0).seq(), changes.get(changes.size() - 1).seq());
            // The state is what counts: a citizen changed twice in one batch is handled once, at its last entry.
            Map<String, Long> citizens = new LinkedHashMap<>();
            changes.forEach(change -> citizens.put(change.idNumber(), change.seq()));
            SessionEnding ending = new SessionEnding(session, realm, new LogoutNotices(session), frontendUrl);
            citizens.forEach((number, seq) -> {
                try {
                    apply(session, realm, component, registry, ending, number, seq);
                } catch (RegistryUnavailableException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // One citizen's failure must not hold the feed for the whole population; logins and refreshes still
                    // meet the registry's verdict live. Never the number in the log: the feed position says which entry.
                    LOG.errorf("registry change %d could not be applied (%s); going on", seq, e.getClass().getSimpleName());
                }
            });
            feed.advance(changes.get(changes.size() - 1).seq());
            if (ending.queued() > 0) {
                session.getTransactionManager().enlistAfterCompletion(new AfterCommit(delivery::wake)); // send them at once
            }
            recovered();
        } catch (RegistryUnavailableException e) {
            if (!failing) {
                LOG.warnf("registry change feed unreadable (%s); retrying", e.getCause() == null ? e.getMessage() : e.getCause().getClass().getSimpleName());
                failing = true;
            }
            // The position stays; what this batch already did commits, and is found done when it is read again.
        }
    }

    private void apply(KeycloakSession session, RealmModel realm, ComponentModel component, RegistryClient registry,
                       SessionEnding ending, String number, long seq) {
        Optional<CitizenRecord> record;
        try {
            record = registry.find(PersonalIdNumber.parse(number));
        } catch (InvalidIdNumberException e) {
            return; // not a number this provider can serve: no Keycloak user stands for it
        }
        if (record.isEmpty()) {
            return;
        }
        UserModel user = session.users().getUserById(realm, StorageId.keycloakId(component, number));
        if (user == null) {
            return;
        }
        Optional<LoginRefusal> refusal = LoginRefusal.of(record);
        long started = System.nanoTime();
        int ended;
        if (refusal.isPresent()) {
            ended = ending.endAll(user, refusal.get().code());
        } else if (record.get().eidLevel() < LEVEL_2) {
            ended = ending.endAbove(user, LEVEL_2 - 1, "eid_level_lowered");
        } else {
            ended = 0;
        }
        if (ended > 0) {
            LOG.infof("registry change %d: %d session(s) ended (%s) in %d ms", seq, ended,
                    refusal.map(LoginRefusal::code).orElse("eid_level_lowered"), (System.nanoTime() - started) / 1_000_000);
        }
        session.getKeycloakSessionFactory().publish(new CitizenChanged(session, realm, user, record.get(), refusal, seq));
    }

    private void recovered() {
        if (failing) {
            LOG.info("registry change feed readable again");
            failing = false;
        }
    }

    @Override
    public String getTaskName() {
        return NAME;
    }

    /** Runs {@code action} once the feed's transaction has committed (not on a rollback). */
    private static final class AfterCommit extends AbstractKeycloakTransaction {

        private final Runnable action;

        AfterCommit(Runnable action) {
            this.action = action;
        }

        @Override
        protected void commitImpl() {
            action.run();
        }

        @Override
        protected void rollbackImpl() {
        }
    }
}
