package vn.dinhdanh.population.storage;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.storage.UserStorageProviderFactory;
import org.keycloak.timer.TimerProvider;
import vn.dinhdanh.population.freshness.Backoff;
import vn.dinhdanh.population.freshness.LogoutDelivery;
import vn.dinhdanh.population.freshness.RegistryChangeWatcher;
import vn.dinhdanh.population.registry.RegistryClient;

/**
 * User federation "dinhdanh-population": citizens from the national population registry, reached
 * through Keycloak's named datasource {@value #DEFAULT_PERSISTENCE_UNIT} ({@code db-kind-registry},
 * {@code db-url-full-registry}, ...), whose pool is found through the JPA unit in
 * {@code META-INF/persistence.xml} ({@link RegistryConnections}).
 */
public final class PopulationUserStorageProviderFactory implements UserStorageProviderFactory<PopulationUserStorageProvider> {

    public static final String PROVIDER_ID = "dinhdanh-population";
    static final String PERSISTENCE_UNIT = "persistenceUnit";
    static final String DEFAULT_PERSISTENCE_UNIT = "registry";
    /** Server option {@code --spi-storage--dinhdanh-population--change-poll-interval}. */
    static final String CHANGE_POLL_INTERVAL = "change-poll-interval";
    static final long DEFAULT_CHANGE_POLL_MILLIS = 1000;
    /** Server option {@code --spi-storage--dinhdanh-population--logout-retry-for}: seconds a relying party is retried. */
    static final String LOGOUT_RETRY_FOR = "logout-retry-for";
    /** Server option {@code --spi-storage--dinhdanh-population--logout-retry-max-interval}: longest wait between tries (s). */
    static final String LOGOUT_RETRY_MAX_INTERVAL = "logout-retry-max-interval";
    /**
     * Server option {@code --spi-storage--dinhdanh-population--frontend-url}: the public base URL for logouts the change
     * feed sends outside any request, when the realm has no frontend URL and the server no {@code --hostname}.
     */
    static final String FRONTEND_URL = "frontend-url";

    private long changePollMillis = DEFAULT_CHANGE_POLL_MILLIS;
    private Backoff logoutBackoff = Backoff.DEFAULT;
    private Optional<URI> frontendUrl = Optional.empty();
    private volatile LogoutDelivery logoutDelivery;

    @Override
    public PopulationUserStorageProvider create(KeycloakSession session, ComponentModel model) {
        String unit = model.get(PERSISTENCE_UNIT, DEFAULT_PERSISTENCE_UNIT);
        return new PopulationUserStorageProvider(session, model, new RegistryClient(RegistryConnections.of(session, unit)));
    }

    @Override
    public void init(Config.Scope config) {
        changePollMillis = config.getLong(CHANGE_POLL_INTERVAL, DEFAULT_CHANGE_POLL_MILLIS);
        logoutBackoff = new Backoff(
                Duration.ofSeconds(config.getLong(LOGOUT_RETRY_MAX_INTERVAL, Backoff.DEFAULT.cap().toSeconds())),
                Duration.ofSeconds(config.getLong(LOGOUT_RETRY_FOR, Backoff.DEFAULT.window().toSeconds())));
        frontendUrl = Optional.ofNullable(config.get(FRONTEND_URL)).filter(url -> !url.isBlank()).map(URI::create);
    }

    /**
     * Once the database is migrated: follow the registry's change feed (every node runs the task; one at a time
     * processes each batch), ending refused citizens' sessions, and deliver the logout outbox those endings fill
     * (every node, off the feed's path).
     */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                LogoutDelivery delivery = new LogoutDelivery(factory, logoutBackoff);
                logoutDelivery = delivery;
                delivery.start(changePollMillis);
                KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class).scheduleTask(
                        new RegistryChangeWatcher(PROVIDER_ID, PERSISTENCE_UNIT, DEFAULT_PERSISTENCE_UNIT,
                                RegistryConnections::of, delivery, frontendUrl),
                        changePollMillis, RegistryChangeWatcher.NAME));
            }
        });
    }

    @Override
    public void close() {
        if (logoutDelivery != null) {
            logoutDelivery.close();
        }
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property()
                .name(CHANGE_POLL_INTERVAL)
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("How often (ms) each node looks for new entries of the registry's change feed and for due logout notices.")
                .defaultValue(String.valueOf(DEFAULT_CHANGE_POLL_MILLIS))
                .add()
                .property()
                .name(FRONTEND_URL)
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Public base URL (https://host) for logouts sent outside a request, when the realm has no frontend URL"
                        + " and the server no --hostname URL.")
                .add()
                .property()
                .name(LOGOUT_RETRY_FOR)
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("How long (s) a relying party that did not accept a logout notice is retried before an admin event reports it.")
                .defaultValue(String.valueOf(Backoff.DEFAULT.window().toSeconds()))
                .add()
                .property()
                .name(LOGOUT_RETRY_MAX_INTERVAL)
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Longest wait (s) between two tries of a logout notice (the wait doubles from 1 s up to this).")
                .defaultValue(String.valueOf(Backoff.DEFAULT.cap().toSeconds()))
                .add()
                .build();
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Citizens read live from the national population registry (read-only, nothing imported).";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property()
                .name(PERSISTENCE_UNIT)
                .label("Registry datasource")
                .helpText("Name of the Keycloak datasource (and JPA unit) of the registry.")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(DEFAULT_PERSISTENCE_UNIT)
                .add()
                .build();
    }
}
