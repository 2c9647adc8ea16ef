package vn.dinhdanh.claims.consent;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

/** The client-policy executor {@value #PROVIDER_ID}: the realm's consent rule ({@link ConsentRule}). No settings. */
public final class ConsentPolicyExecutorFactory implements ClientPolicyExecutorProviderFactory {

    public static final String PROVIDER_ID = "dinhdanh-consent";

    @Override
    public ClientPolicyExecutorProvider create(KeycloakSession session) {
        return new ConsentPolicyExecutor();
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
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Every relying party that logs citizens in shows the consent page (switched on at registration and update, "
                + "refused at login when off) and states its purpose (dinhdanh.purpose); a SAML SP names its items (consent.screen.text).";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
