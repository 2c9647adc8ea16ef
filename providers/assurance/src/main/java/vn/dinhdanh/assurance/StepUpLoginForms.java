package vn.dinhdanh.assurance;

import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.forms.login.freemarker.FreeMarkerLoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Keycloak's FreeMarker login pages, plus the step-up reason: every page of an authentication in which the second
 * method is asked ({@link StepUpReason#NOTE} present) gets the relying party's name as {@link StepUpReason#ATTRIBUTE},
 * whichever authenticator renders it and however often (first page, retry, a failed attempt, "try another way").
 * Every login page passes here: Keycloak's {@code form()} of an authenticator, required action or consent sets the
 * authentication session before rendering.
 */
final class StepUpLoginForms extends FreeMarkerLoginFormsProvider {

    StepUpLoginForms(KeycloakSession session) {
        super(session);
    }

    @Override
    public LoginFormsProvider setAuthenticationSession(AuthenticationSessionModel authenticationSession) {
        super.setAuthenticationSession(authenticationSession);
        String client = authenticationSession == null ? null : authenticationSession.getAuthNote(StepUpReason.NOTE);
        if (client == null) {
            // One provider serves the whole request: a page rendered after the step-up ended says nothing of it.
            attributes.remove(StepUpReason.ATTRIBUTE);
        } else {
            attributes.put(StepUpReason.ATTRIBUTE, client);
        }
        return this;
    }
}
