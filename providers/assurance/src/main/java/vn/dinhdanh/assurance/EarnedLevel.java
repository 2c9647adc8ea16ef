package vn.dinhdanh.assurance;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import vn.dinhdanh.evidence.Evidence;
import vn.dinhdanh.evidence.LoginNotes;

/**
 * The flow's last step: the level earned is the level given. Keycloak's LoA conditions only record the levels a
 * relying party asked for; a login that proved level 2 unasked (the VNeID app on a phone enrolled in person) is
 * recorded at level 2 here, with the time, so a later request for level 2 within the max age needs no new factor.
 * Also leaves the session's factors (for {@code amr}, the audit and the data tracker) as the union of this
 * authentication's, where each method wrote only its own.
 */
final class EarnedLevel implements Authenticator {

    private final KeycloakSession session;

    EarnedLevel(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        Evidence evidence = LoginNotes.collect(authSession);
        int earned = evidence.level(LoginNotes.registryLevel(context.getUser()));
        LoginNotes.recordEarned(authSession, evidence, earned);
        AcrStore acr = new AcrStore(session, authSession);
        if (earned >= 2 && acr.getLevelOfAuthenticationFromCurrentAuthentication() < earned) {
            acr.setLevelAuthenticated(earned);
        }
        context.success();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
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
