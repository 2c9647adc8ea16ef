package vn.dinhdanh.population.freshness;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * The change feed's tables in Keycloak's database, created by Keycloak's own Liquibase at start
 * ({@code META-INF/dinhdanh-freshness-changelog.xml}). No entities: {@link FeedPosition} and
 * {@link LogoutNotices} use native queries in Keycloak's transaction, so a position moves with the
 * session removals and the logout notices it stands for, or not at all.
 */
public final class FreshnessTablesFactory implements JpaEntityProviderFactory, JpaEntityProvider {

    public static final String ID = "dinhdanh-freshness";

    @Override
    public List<Class<?>> getEntities() {
        return List.of();
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/dinhdanh-freshness-changelog.xml";
    }

    @Override
    public String getFactoryId() {
        return ID;
    }

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public void init(Config.Scope config) {
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
}
