package vn.dinhdanh.saml;

import org.keycloak.Config;
import org.keycloak.dom.saml.v2.protocol.AuthnRequestType;
import org.keycloak.dom.saml.v2.protocol.RequestedAuthnContextType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.saml.preprocessor.SamlAuthenticationPreprocessor;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Keeps how the SP compared its {@code RequestedAuthnContext} (exact, minimum, …) in the authentication session:
 * Keycloak keeps only the context it selected, and {@link EarnedAuthnContextMapper} needs the comparison too.
 * The note is written on every AuthnRequest (none when nothing was asked), so no earlier request's value lingers.
 */
public final class RequestedComparisonNote implements SamlAuthenticationPreprocessor {

    public static final String ID = "dinhdanh-requested-comparison";
    static final String NOTE = "dinhdanh.saml.authn_context_comparison";

    @Override
    public AuthnRequestType beforeProcessingLoginRequest(AuthnRequestType request, AuthenticationSessionModel authSession) {
        RequestedAuthnContextType requested = request.getRequestedAuthnContext();
        String comparison;
        if (requested == null || requested.getAuthnContextClassRef().isEmpty()) {
            comparison = AuthnContextChoice.Comparison.NONE.name();
        } else if (requested.getComparison() == null) {
            comparison = AuthnContextChoice.Comparison.EXACT.name(); // SAML core: absent means exact
        } else {
            comparison = requested.getComparison().name();
        }
        authSession.setClientNote(NOTE, comparison);
        return request;
    }

    @Override
    public SamlAuthenticationPreprocessor create(KeycloakSession session) {
        return this;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
