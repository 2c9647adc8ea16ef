package vn.dinhdanh.claims.consent;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.ClientModel;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.ClientCRUDContext;
import org.keycloak.services.clientpolicy.context.ClientModelContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

/**
 * Keycloak's glue for {@link ConsentRule}: at a client's registration or update (admin API, dynamic registration)
 * switches consent on and checks the purpose; at each OIDC authorization request and SAML AuthnRequest refuses a
 * relying party whose consent is off.
 */
final class ConsentPolicyExecutor implements ClientPolicyExecutorProvider<ClientPolicyExecutorConfigurationRepresentation> {

    @Override
    public String getProviderId() {
        return ConsentPolicyExecutorFactory.PROVIDER_ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        switch (context.getEvent()) {
            case REGISTER, UPDATE -> onRegistration(((ClientCRUDContext) context).getProposedClientRepresentation(),
                    ((ClientCRUDContext) context).getTargetClient());
            case AUTHORIZATION_REQUEST, SAML_AUTHN_REQUEST -> onLogin(((ClientModelContext) context).getClient());
            default -> {
            }
        }
    }

    private static void onRegistration(ClientRepresentation proposed, ClientModel stored) throws ClientPolicyException {
        if (proposed == null) {
            return;
        }
        // An update may send only what changes: what it leaves out keeps the stored value.
        Map<String, String> attributes = new HashMap<>();
        if (stored != null) {
            attributes.putAll(stored.getAttributes());
        }
        if (proposed.getAttributes() != null) {
            attributes.putAll(proposed.getAttributes());
        }
        ConsentRule.Client client = new ConsentRule.Client(
                proposed.getClientId() != null ? proposed.getClientId() : stored == null ? null : stored.getClientId(),
                proposed.getProtocol() != null ? proposed.getProtocol() : stored == null ? null : stored.getProtocol(),
                orStored(proposed.isStandardFlowEnabled(), stored == null ? null : stored.isStandardFlowEnabled()),
                orStored(proposed.isImplicitFlowEnabled(), stored == null ? null : stored.isImplicitFlowEnabled()),
                proposed.isConsentRequired(), attributes);
        Optional<ConsentRule.Refusal> refusal = ConsentRule.checkRegistration(client);
        if (refusal.isPresent()) {
            throw new ClientPolicyException(OAuthErrorException.INVALID_CLIENT_METADATA, refusal.get().description());
        }
        if (ConsentRule.forcesConsent(client)) {
            proposed.setConsentRequired(true);
            if ("saml".equals(client.protocol())) {
                Map<String, String> own = proposed.getAttributes() == null ? new HashMap<>() : new HashMap<>(proposed.getAttributes());
                own.put(ConsentRule.DISPLAY_ON_CONSENT, "true");
                if (!own.containsKey(ConsentRule.CONSENT_TEXT)) {
                    own.put(ConsentRule.CONSENT_TEXT, attributes.get(ConsentRule.CONSENT_TEXT));
                }
                proposed.setAttributes(own);
            }
        }
    }

    /** The proposed flag, or the stored one when an update leaves it out (null: the protocol's default). */
    private static Boolean orStored(Boolean proposed, Boolean stored) {
        return proposed != null ? proposed : stored;
    }

    private static void onLogin(ClientModel client) throws ClientPolicyException {
        if (client == null) {
            return;
        }
        ConsentRule.Client stored = new ConsentRule.Client(client.getClientId(), client.getProtocol(),
                client.isStandardFlowEnabled(), client.isImplicitFlowEnabled(), client.isConsentRequired(), client.getAttributes());
        Optional<ConsentRule.Refusal> refusal = ConsentRule.checkLogin(stored);
        if (refusal.isPresent()) {
            throw new ClientPolicyException(OAuthErrorException.UNAUTHORIZED_CLIENT, refusal.get().description());
        }
    }
}
