package vn.dinhdanh.app.ciba;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.grants.ciba.channel.AuthenticationChannelProvider;
import org.keycloak.protocol.oidc.grants.ciba.channel.AuthenticationChannelProviderFactory;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Keycloak's CIBA authentication channel ({@code ciba-auth-channel} SPI) that asks the citizen's VNeID app.
 * Its {@link #order()} makes it the default over Keycloak's HTTP channel when deployed (no option needed);
 * its settings are the app API's (push lifetime, pushes per minute).
 */
public final class AppAuthenticationChannelProviderFactory implements AuthenticationChannelProviderFactory {

    public static final String ID = "dinhdanh-app";

    @Override
    public AuthenticationChannelProvider create(KeycloakSession session) {
        return new AppAuthenticationChannelProvider(session);
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return List.of();
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
}
