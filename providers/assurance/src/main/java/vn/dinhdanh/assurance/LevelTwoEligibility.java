package vn.dinhdanh.assurance;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * First step of the level-2 branch: a citizen whose registry record is not at e-ID level 2 can never reach
 * LoA 2, so they learn it before being asked for a second factor. Also collects what the first method proved.
 */
final class LevelTwoEligibility implements Authenticator {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        LoginEvidence.collect(context.getAuthenticationSession());
        if (LoginEvidence.registryLevel(context.getUser()) < 2) {
            LevelRefusal.show(context, Evidence.Shortfall.REGISTRY_LEVEL);
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
