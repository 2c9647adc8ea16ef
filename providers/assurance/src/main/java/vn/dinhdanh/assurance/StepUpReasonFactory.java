package vn.dinhdanh.assurance;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;

/** {@code dinhdanh-step-up-reason}: names the relying party that asks level 2 on the second method's page. */
public final class StepUpReasonFactory extends AssuranceStepFactory {

    public static final String ID = "dinhdanh-step-up-reason";
    private static final StepUpReason SINGLETON = new StepUpReason();

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
        return "dinhdanh: why a second method (level 2)";
    }

    @Override
    public String getHelpText() {
        return "Shows no page: gives the next method's page the relying party's name so that the theme says why level 2 needs a second method.";
    }
}
