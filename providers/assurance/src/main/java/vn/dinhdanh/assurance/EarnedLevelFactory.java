package vn.dinhdanh.assurance;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;

/** {@code dinhdanh-earned-level}: the last step of the browser flow, and of the reset-credentials flow before the new password (records the level the login earned). */
public final class EarnedLevelFactory extends AssuranceStepFactory {

    public static final String ID = "dinhdanh-earned-level";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return new EarnedLevel(session);
    }

    @Override
    public String getDisplayType() {
        return "dinhdanh: level earned";
    }

    @Override
    public String getHelpText() {
        return "Records the level of assurance this login earned (level 2 even when not asked for) and the session's factors.";
    }
}
