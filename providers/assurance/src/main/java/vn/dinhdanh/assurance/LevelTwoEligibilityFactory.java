package vn.dinhdanh.assurance;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;

/** {@code dinhdanh-level-2-eligibility}: first step of the level-2 branch (registry e-ID level 2 or a refusal). */
public final class LevelTwoEligibilityFactory extends AssuranceStepFactory {

    public static final String ID = "dinhdanh-level-2-eligibility";
    private static final LevelTwoEligibility SINGLETON = new LevelTwoEligibility();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getDisplayType() {
        return "dinhdanh: registry e-ID level 2";
    }

    @Override
    public String getHelpText() {
        return "Refuses level 2 (with the protocol's standard error) to a citizen whose registry record is not at e-ID level 2.";
    }
}
