package vn.dinhdanh.chip.api;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;
import vn.dinhdanh.chip.challenge.ChipChallenges;
import vn.dinhdanh.waiting.ClusterWaiters;

/**
 * {@code /realms/{realm}/chip}. Its options are the chip's ({@link ChipOptions}, {@code --spi-dinhdanh-chip--default--<option>},
 * docs/configuration.md), shared with the chip login and the trust administration.
 */
public final class ChipResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String ID = "chip";

    /** This node's waiting login pages (node-local by nature; what they wait for is in the cluster-wide store). */
    private final ClusterWaiters waiters = new ClusterWaiters(ChipChallenges.WAKEUPS, "chip");

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        ChipResource resource = new ChipResource(session, ChipOptions.of(session).settings(), waiters);
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
