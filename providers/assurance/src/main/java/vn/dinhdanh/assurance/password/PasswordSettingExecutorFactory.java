package vn.dinhdanh.assurance.password;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

/** The client-policy executor {@value #PROVIDER_ID} ({@link PasswordSettingExecutor}). No settings. */
public final class PasswordSettingExecutorFactory implements ClientPolicyExecutorProviderFactory {

    public static final String PROVIDER_ID = "dinhdanh-password-setting";

    @Override
    public ClientPolicyExecutorProvider create(KeycloakSession session) {
        return new PasswordSettingExecutor();
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
        return "Refuses the application-initiated action UPDATE_PASSWORD: a password is set only through the reset-credentials flow, after level-2 proof.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
