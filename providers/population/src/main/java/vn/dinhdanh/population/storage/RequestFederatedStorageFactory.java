package vn.dinhdanh.population.storage;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.storage.federated.UserFederatedStorageProvider;
import org.keycloak.storage.jpa.JpaUserFederatedStorageProviderFactory;

/**
 * {@code dinhdanh}: Keycloak's JPA federated storage, reading a user's attributes once per request
 * ({@link RequestFederatedStorage}). Its order above Keycloak's {@code jpa} (order 0) makes it the default
 * provider without any server option; the tables and their schema are Keycloak's.
 */
public final class RequestFederatedStorageFactory extends JpaUserFederatedStorageProviderFactory {

    public static final String ID = "dinhdanh";

    @Override
    public UserFederatedStorageProvider create(KeycloakSession session) {
        return new RequestFederatedStorage(session, session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public int order() {
        return 1;
    }
}
