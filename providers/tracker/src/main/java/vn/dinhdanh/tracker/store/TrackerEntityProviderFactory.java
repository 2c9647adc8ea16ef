package vn.dinhdanh.tracker.store;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * Keycloak's own way to custom tables: our entities join Keycloak's persistence unit (found at {@code kc.sh build})
 * and our Liquibase changelog runs with Keycloak's at start. The rows are thus written by the very JPA transaction
 * that issues the token or assertion: committed with it, or not at all.
 */
public final class TrackerEntityProviderFactory implements JpaEntityProviderFactory, JpaEntityProvider {

    public static final String ID = "dinhdanh-tracker";

    @Override
    public List<Class<?>> getEntities() {
        return List.of(DataReleaseEntity.class, ChainHeadEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/dinhdanh-tracker-changelog.xml";
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
