package vn.dinhdanh.assurance;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Tells the next login page why a second method is asked: placed in the level-2 branch just before the second-factor
 * methods, it gives the request's login form (Keycloak keeps one {@link LoginFormsProvider} per request, which the
 * method's authenticator then renders) the attribute {@value #ATTRIBUTE} = the relying party's name, and the theme
 * writes "this service needs level 2 because …" above the VNeID app's or the chip's page. No page of its own: the
 * citizen is not asked one more click, and the authenticators of the methods stay unchanged.
 */
final class StepUpReason implements Authenticator {

    static final String ATTRIBUTE = "dinhdanhStepUpClient";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        var client = context.getAuthenticationSession().getClient();
        String name = client.getName() != null && !client.getName().isBlank() ? client.getName() : client.getClientId();
        context.getSession().getProvider(LoginFormsProvider.class).setAttribute(ATTRIBUTE, name);
        context.success();
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
