package vn.dinhdanh.assurance;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** A step of the level-2 branch: decides in {@code authenticate}; its refusal page's one button returns to the client. */
abstract class LevelTwoStep implements Authenticator {

    @Override
    public final void action(AuthenticationFlowContext context) {
        if (LevelRefusal.returning(context)) {
            LevelRefusal.returnToClient(context);
        } else {
            authenticate(context);
        }
    }

    @Override
    public final boolean requiresUser() {
        return true;
    }

    @Override
    public final boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public final void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public final void close() {
    }
}
