package vn.dinhdanh.assurance;

import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticatorFactory;

/** {@code dinhdanh-condition-level-2-unmet}: true while the login is short of level 2 (then ask another factor). */
public final class LevelTwoUnmetConditionFactory extends AssuranceStepFactory implements ConditionalAuthenticatorFactory {

    public static final String ID = "dinhdanh-condition-level-2-unmet";

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
}
