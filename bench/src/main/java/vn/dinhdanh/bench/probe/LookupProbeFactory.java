package vn.dinhdanh.bench.probe;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Registers {@link LookupProbe} under {@code /realms/{realm}/lookup-bench}. */
public final class LookupProbeFactory implements RealmResourceProviderFactory {

    public static final String ID = "lookup-bench";
    private static final Logger LOG = Logger.getLogger(LookupProbeFactory.class);

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new LookupProbe(session);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        LOG.warn("the lookup benchmark probe is deployed: a benchmark server, not for production");
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
