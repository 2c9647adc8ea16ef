package vn.dinhdanh.saml;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.authenticators.util.LoAUtil;
import org.keycloak.dom.saml.v2.assertion.AuthnContextClassRefType;
import org.keycloak.dom.saml.v2.assertion.AuthnContextType;
import org.keycloak.dom.saml.v2.assertion.AuthnStatementType;
import org.keycloak.dom.saml.v2.protocol.ResponseType;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.utils.AcrUtils;
import org.keycloak.protocol.saml.SamlProtocol;
import org.keycloak.protocol.saml.mappers.AbstractSAMLProtocolMapper;
import org.keycloak.protocol.saml.mappers.SAMLLoginResponseMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * States in each assertion's {@code AuthnContextClassRef} the level of assurance the login earned
 * ({@link AuthnContextChoice}); used instead of Keycloak's {@code saml-authn-context-class-ref-mapper}.
 */
public final class EarnedAuthnContextMapper extends AbstractSAMLProtocolMapper implements SAMLLoginResponseMapper {

    public static final String ID = "dinhdanh-saml-earned-authn-context";

    private static final Logger LOG = Logger.getLogger(EarnedAuthnContextMapper.class);

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "dinhdanh: AuthnContextClassRef of the level earned";
    }

    @Override
    public String getDisplayCategory() {
        return "AuthnContextClassRef mapper";
    }

    @Override
    public String getHelpText() {
        return "States the level of assurance the login earned (urn:vn:eid:loa:1 or 2) as AuthnContextClassRef; "
                + "the value asked when the SP compared exact or maximum.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public ResponseType transformLoginResponse(ResponseType response, ProtocolMapperModel mapping, KeycloakSession session,
                                               UserSessionModel userSession, ClientSessionContext clientSessionCtx) {
        int earned = LoAUtil.getCurrentLevelOfAuthentication(clientSessionCtx.getClientSession());
        // This request's notes, from the authentication session: the client session keeps notes of earlier requests.
        AuthenticationSessionModel authSession = session.getContext().getAuthenticationSession();
        String selected = authSession == null ? null : authSession.getClientNote(SamlProtocol.SAML_AUTHN_CONTEXT_CLASS_REF);
        AuthnContextChoice.Comparison comparison = AuthnContextChoice.Comparison.parse(
                authSession == null ? null : authSession.getClientNote(RequestedComparisonNote.NOTE));
        Map<String, Integer> levels = AcrUtils.getUriLoaMap(clientSessionCtx.getClientSession().getClient());
        Optional<String> stated = AuthnContextChoice.choose(earned, selected, comparison, levels);
        if (stated.isEmpty()) {
            if (earned >= 0) {
                LOG.warnf("No AuthnContextClassRef stated for client %s: level earned %d, context selected %s",
                        clientSessionCtx.getClientSession().getClient().getClientId(), earned, selected);
            }
            return response;
        }
        AuthnContextType context = new AuthnContextType();
        AuthnContextType.AuthnContextTypeSequence sequence = new AuthnContextType.AuthnContextTypeSequence();
        sequence.setClassRef(new AuthnContextClassRefType(URI.create(stated.get())));
        context.setSequence(sequence);
        response.getAssertions().stream()
                .map(ResponseType.RTChoiceType::getAssertion)
                .filter(java.util.Objects::nonNull)
                .flatMap(assertion -> assertion.getStatements().stream())
                .filter(AuthnStatementType.class::isInstance)
                .map(AuthnStatementType.class::cast)
                .forEach(statement -> statement.setAuthnContext(context));
        return response;
    }
}
