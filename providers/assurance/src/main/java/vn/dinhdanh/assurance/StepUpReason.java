package vn.dinhdanh.assurance;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Tells the pages of the second method why it is asked: placed in the level-2 branch just before the second-factor
 * methods, it keeps the relying party's name in the authentication session ({@value #NOTE}) and every login page of
 * this authentication from then on gets it as the attribute {@value #ATTRIBUTE} ({@link StepUpLoginForms}): the
 * method's first page, its retry and failure pages, "try another way". The theme writes "this service needs level 2
 * because …" above them. The note goes when level 2 is reached or refused ({@link #end}), and with any restart of the
 * flow (Keycloak clears the authentication notes). No page of its own: the citizen is not asked one more click, and
 * the authenticators of the methods stay unchanged.
 */
final class StepUpReason implements Authenticator {

    /** The template attribute: the relying party's name. */
    static final String ATTRIBUTE = "dinhdanhStepUpClient";
    /** The authentication note holding the name while the second method is asked. */
    static final String NOTE = "dinhdanh.step_up.client";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        var client = context.getAuthenticationSession().getClient();
        String name = client.getName() != null && !client.getName().isBlank() ? client.getName() : client.getClientId();
        context.getAuthenticationSession().setAuthNote(NOTE, name);
        context.success();
    }

    /** The second method is over (level 2 reached or refused): the next pages give no step-up reason. */
    static void end(AuthenticationSessionModel authSession) {
        authSession.removeAuthNote(NOTE);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        context.success();
    }

    @Override
    public boolean requiresUser() {
        return false;
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
