package vn.dinhdanh.population.storage;

import java.util.List;
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

    private long changePollMillis = DEFAULT_CHANGE_POLL_MILLIS;

    @Override
    public PopulationUserStorageProvider create(KeycloakSession session, ComponentModel model) {
        String unit = model.get(PERSISTENCE_UNIT, DEFAULT_PERSISTENCE_UNIT);
        return new PopulationUserStorageProvider(session, model, new RegistryClient(RegistryConnections.of(session, unit)));
    }

    @Override
    public void init(Config.Scope config) {
        changePollMillis = config.getLong(CHANGE_POLL_INTERVAL, DEFAULT_CHANGE_POLL_MILLIS);
    }

    /** Once the database is migrated: follow the registry's change feed, ending changed citizens' sessions. */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class).scheduleTask(
                        new RegistryChangeWatcher(PROVIDER_ID, PERSISTENCE_UNIT, DEFAULT_PERSISTENCE_UNIT,
                                RegistryConnections::of),
                        changePollMillis, RegistryChangeWatcher.NAME));
            }
        });
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property()
                .name(CHANGE_POLL_INTERVAL)
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("How often (ms) each node reads the registry's change feed to end changed citizens' sessions.")
                .defaultValue(String.valueOf(DEFAULT_CHANGE_POLL_MILLIS))
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
