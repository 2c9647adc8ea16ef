package vn.dinhdanh.assurance;

import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Last step of the level-2 branch: succeeds only when this authentication's evidence meets the level-2 rule, so
 * Keycloak's LoA condition records level 2 for nothing less. Otherwise the page says what is missing.
 */
final class LevelTwoReached implements Authenticator {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        Evidence evidence = LoginEvidence.collect(context.getAuthenticationSession());
        Optional<Evidence.Shortfall> shortfall = evidence.shortfallForLevelTwo(LoginEvidence.registryLevel(context.getUser()));
        if (shortfall.isPresent()) {
            LevelRefusal.show(context, shortfall.get());
            return;
        }
        context.success();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        if (LevelRefusal.returning(context)) {
            LevelRefusal.returnToClient(context);
        } else {
            authenticate(context);
        }
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
