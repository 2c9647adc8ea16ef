package vn.dinhdanh.app.api;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;
import vn.dinhdanh.app.options.AppConfig;
import vn.dinhdanh.app.push.PushChallenges;
import vn.dinhdanh.chip.waiting.ClusterWaiters;

/** {@code /realms/{realm}/app}, configured with {@code --spi-realm-restapi-extension--app--<option>} (README "Configuration"). */
public final class AppResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String ID = "app";

    private AppSettings settings;
    /** This node's waiting login pages (node-local by nature; what they wait for is in the cluster-wide store). */
    private final ClusterWaiters waiters = new ClusterWaiters(PushChallenges.WAKEUPS, "app");

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        AppResource resource = new AppResource(session, settings, waiters);
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return resource;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
        settings = AppConfig.read(config);
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return AppConfig.metadata();
    }

    /** The shared settings, for the push login in the same deployment. */
    public AppSettings settings() {
        return settings;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        waiters.listen(factory);
    }

    @Override
    public void close() {
    }
}
