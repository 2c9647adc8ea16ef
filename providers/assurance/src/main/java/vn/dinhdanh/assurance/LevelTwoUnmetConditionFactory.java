package vn.dinhdanh.assurance;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/** {@code dinhdanh-condition-level-2-unmet}: true while the login is short of level 2 (then ask another factor). */
public final class LevelTwoUnmetConditionFactory implements ConditionalAuthenticatorFactory {

    public static final String ID = "dinhdanh-condition-level-2-unmet";

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
        AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED};

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public ConditionalAuthenticator getSingleton() {
        return LevelTwoUnmetCondition.SINGLETON;
    }

    @Override
    public String getDisplayType() {
        return "dinhdanh: condition - level 2 not yet proved";
    }

    @Override
    public String getHelpText() {
        return "True while this login has not yet proved a verified possession factor and a second kind of factor.";
    }

    @Override
    public String getReferenceCategory() {
        return "dinhdanh-assurance";
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENTS;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
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
