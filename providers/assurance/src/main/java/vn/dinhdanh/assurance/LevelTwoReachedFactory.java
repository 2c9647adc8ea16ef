package vn.dinhdanh.assurance;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;

/** {@code dinhdanh-level-2-reached}: last step of the level-2 branch (the evidence meets the rule, or a refusal). */
public final class LevelTwoReachedFactory extends AssuranceStepFactory {

    public static final String ID = "dinhdanh-level-2-reached";
    private static final LevelTwoReached SINGLETON = new LevelTwoReached();

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
        return "dinhdanh: level 2 reached";
    }

    @Override
    public String getHelpText() {
        return "Succeeds only when this login proved a verified possession factor and a second kind of factor, for a level-2 record.";
    }
}
