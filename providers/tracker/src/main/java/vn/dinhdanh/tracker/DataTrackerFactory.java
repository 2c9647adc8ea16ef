package vn.dinhdanh.tracker;

import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ProviderFactory;
import vn.dinhdanh.tracker.chain.ChainKey;

/** Reads the chain's key once; a key that is too short stops the start (the message names the rule, not the key). */
public final class DataTrackerFactory implements ProviderFactory<DataTracker> {

    public static final String ID = "default";
    public static final String KEY_OPTION = "key";
    private static final Logger LOG = Logger.getLogger(DataTrackerFactory.class);

    /** Null when no key is configured: {@link DataTracker} then uses the key kept in the database. */
    private ChainKey configuredKey;

    @Override
    public DataTracker create(KeycloakSession session) {
        return new DataTracker(session, configuredKey);
    }

    @Override
    public void init(Config.Scope config) {
        String secret = config.get(KEY_OPTION);
        if (secret == null || secret.isBlank()) {
            LOG.warn("data tracker: no key configured (spi-dinhdanh-tracker--default--key); using a key kept in Keycloak's"
                    + " database, which does not stop someone with write access to it from rewriting the chain");
            return;
        }
        configuredKey = ChainKey.of(secret);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
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
        return ProviderConfigurationBuilder.create()
                .property().name(KEY_OPTION).type(ProviderConfigProperty.STRING_TYPE).secret(true)
                .helpText("Secret (at least 32 bytes) keying the chain's HMACs and citizens' pseudonyms; the same on every node."
                        + " Default: a key generated once and kept in the database (weak).")
                .add().build();
    }
}
