package vn.dinhdanh.tracker.release;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.keycloak.dom.saml.v2.assertion.AssertionType;
import org.keycloak.dom.saml.v2.assertion.AttributeStatementType;
import org.keycloak.dom.saml.v2.assertion.AuthnStatementType;
import org.keycloak.dom.saml.v2.assertion.StatementAbstractType;
import org.keycloak.dom.saml.v2.protocol.ResponseType;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.saml.mappers.AbstractSAMLProtocolMapper;
import org.keycloak.protocol.saml.mappers.SAMLLoginResponseMapper;
import org.keycloak.provider.ProviderConfigProperty;
import vn.dinhdanh.evidence.LoginNotes;
import vn.dinhdanh.tracker.DataTracker;
import vn.dinhdanh.tracker.Release;
import vn.dinhdanh.tracker.chain.Channel;

/**
 * Records what a SAML service provider receives: a login-response mapper, run after the attribute statement is
 * complete (Keycloak's SamlProtocol applies login-response mappers last, and this one's priority puts it after the
 * others), so it reads the attributes and the AuthnContextClassRef actually in the assertion, before signing and
 * encryption. Items: each attribute's Name, and {@code NameID}; the role list (authorisation, not data about the
 * citizen) is not an item.
 */
public final class SamlReleaseMapper extends AbstractSAMLProtocolMapper implements SAMLLoginResponseMapper {

    public static final String ID = "dinhdanh-data-tracker-saml";
    private static final Set<String> NOT_ITEMS = Set.of("Role");

    @Override
    public ResponseType transformLoginResponse(ResponseType response, ProtocolMapperModel model, KeycloakSession session,
                                               UserSessionModel userSession, ClientSessionContext ctx) {
        if (userSession == null || userSession.getUser() == null) {
            return response;
        }
        Set<String> items = new TreeSet<>();
        String classRef = null;
        for (ResponseType.RTChoiceType choice : response.getAssertions()) {
            AssertionType assertion = choice.getAssertion();
            if (assertion == null) {
                continue;
            }
            if (assertion.getSubject() != null) {
                items.add("NameID");
            }
            for (AttributeStatementType statement : assertion.getAttributeStatements()) {
                statement.getAttributes().stream().filter(a -> a.getAttribute() != null)
                        .map(a -> a.getAttribute().getName()).filter(n -> !NOT_ITEMS.contains(n)).forEach(items::add);
            }
            for (StatementAbstractType statement : assertion.getStatements()) {
                if (statement instanceof AuthnStatementType authn && authn.getAuthnContext() != null
                        && authn.getAuthnContext().getSequence() != null && authn.getAuthnContext().getSequence().getClassRef() != null) {
                    classRef = authn.getAuthnContext().getSequence().getClassRef().getValue().toString();
                }
            }
        }
        AuthenticatedClientSessionModel clientSession = ctx.getClientSession();
        session.getProvider(DataTracker.class).record(new Release(userSession.getRealm().getId(),
                clientSession.getClient().getClientId(), userSession.getUser().getId(), Channel.SAML_ASSERTION)
                .items(items).loa(clientSession.getNote(Constants.LEVEL_OF_AUTHENTICATION)).acr(classRef)
                .method(LoginNotes.method(userSession)));
        return response;
    }

    @Override
    public int getPriority() {
        return Integer.MAX_VALUE;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayCategory() {
        return "Data tracker";
    }

    @Override
    public String getDisplayType() {
        return "dinhdanh data tracker (SAML)";
    }

    @Override
    public String getHelpText() {
        return "Records every assertion given to this service provider (attributes released, level, method) in the data tracker.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
