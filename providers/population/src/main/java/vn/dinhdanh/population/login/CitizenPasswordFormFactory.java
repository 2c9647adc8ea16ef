package vn.dinhdanh.population.login;

import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordFormFactory;
import org.keycloak.models.KeycloakSession;

/**
 * Replaces Keycloak's own "auth-username-password-form" (same id, higher {@link #order()}), so the
 * default browser flow asks the registry without a flow of our own: Keycloak's form plus the
 * registry's refusal reasons. For users that are not citizens it behaves exactly like Keycloak's.
 */
public final class CitizenPasswordFormFactory extends UsernamePasswordFormFactory {

    @Override
    public Authenticator create(KeycloakSession session) {
        return new CitizenPasswordForm(session);
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public String getHelpText() {
        return "Username and password form; citizens the population registry refuses get the reason (dinhdanh).";
    }
}
