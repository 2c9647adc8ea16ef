package vn.dinhdanh.tracker;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderFactory;

/**
 * Reads the two keys once; a missing or weak key stops the start. After Keycloak's migrations, starts the chain
 * (its genesis, MACed) on a new database.
 */
public final class DataTrackerFactory implements ProviderFactory<DataTracker> {

    public static final String ID = "default";

    private TrackerConfig config;

    @Override
    public DataTracker create(KeycloakSession session) {
        return new DataTracker(session, config.chainKey(), config.checkpointKey());
    }

    @Override
    public void init(Config.Scope scope) {
        config = TrackerConfig.read(scope);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(DataTracker.class).startChainIfNew());
            }
        });
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return TrackerConfig.metadata();
    }
}
