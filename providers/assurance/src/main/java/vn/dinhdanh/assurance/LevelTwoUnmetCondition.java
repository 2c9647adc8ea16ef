package vn.dinhdanh.assurance;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import vn.dinhdanh.evidence.Evidence;
import vn.dinhdanh.evidence.LoginNotes;

/** True while this authentication's evidence is short of level 2: the branch then asks for another factor. */
final class LevelTwoUnmetCondition implements ConditionalAuthenticator {

    static final LevelTwoUnmetCondition SINGLETON = new LevelTwoUnmetCondition();

    @Override
    public boolean matchCondition(AuthenticationFlowContext context) {
        Evidence evidence = LoginNotes.current(context.getAuthenticationSession());
        return evidence.shortfallForLevelTwo(LoginNotes.registryLevel(context.getUser())).isPresent();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
