package vn.dinhdanh.app.api;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;
import vn.dinhdanh.app.options.AppOptions;
import vn.dinhdanh.app.push.PushChallenges;
import vn.dinhdanh.waiting.ClusterWaiters;

/**
 * {@code /realms/{realm}/app}. Its options are the app's ({@link AppOptions}, {@code --spi-dinhdanh-app--default--<option>},
 * docs/configuration.md), shared with the push and QR login and CIBA.
 */
public final class AppResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String ID = "app";

    /** This node's waiting login pages (node-local by nature; what they wait for is in the cluster-wide store). */
    private final ClusterWaiters waiters = new ClusterWaiters(PushChallenges.WAKEUPS, "app");

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        AppResource resource = new AppResource(session, AppOptions.of(session).settings(), waiters);
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
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        waiters.listen(factory);
    }

    @Override
    public void close() {
    }
}
