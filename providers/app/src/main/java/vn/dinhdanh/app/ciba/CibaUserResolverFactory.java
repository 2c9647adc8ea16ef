package vn.dinhdanh.app.ciba;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.grants.ciba.resolvers.CIBALoginUserResolver;
import org.keycloak.protocol.oidc.grants.ciba.resolvers.CIBALoginUserResolverFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The citizen a CIBA request names ({@code login_hint} = the ID number), or Keycloak's {@code unknown_user_id} for any
 * reason it cannot go to the citizen's app ({@link CibaUserResolver}). Its provider order makes it the default over
 * Keycloak's. Option {@code --spi-ciba-login-user-resolver--dinhdanh-app--requests-per-client-per-minute} (default 60):
 * the requests one relying party may send a minute.
 */
public final class CibaUserResolverFactory implements CIBALoginUserResolverFactory {

    public static final String ID = "dinhdanh-app";
    static final String PER_CLIENT = "requests-per-client-per-minute";
    static final int PER_CLIENT_DEFAULT = 60;

    private int perClient = PER_CLIENT_DEFAULT;

    @Override
    public CIBALoginUserResolver create(KeycloakSession session) {
        return new CibaUserResolver(session, perClient);
    }

    @Override
    public void init(Config.Scope config) {
        perClient = Math.max(1, config.getInt(PER_CLIENT, PER_CLIENT_DEFAULT));
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(PER_CLIENT).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(PER_CLIENT_DEFAULT)
                .helpText("CIBA requests one client may send a minute (over it: 429 slow_down)").add()
                .build();
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
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
