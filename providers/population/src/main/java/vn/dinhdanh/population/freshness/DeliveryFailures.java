package vn.dinhdanh.population.freshness;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * A relying party that could not be told: an admin event of the realm (stored when the realm keeps admin
 * events, and given to its event listeners), as an operator sees other failed admin actions. Operation
 * {@code ACTION} on resource {@code CLIENT}, path {@code clients/<id>/backchannel-logout}, error
 * {@value #BACKCHANNEL_LOGOUT_FAILED} or {@value #SAML_LOGOUT_FAILED}; details: the client id, the attempts,
 * the last HTTP status ({@code no_answer}; {@code not_accepted} for a SAML provider, whose answer Keycloak does not
 * report). Never a user or a number: the client is what the operator must fix.
 */
final class DeliveryFailures {

    /** A logout token was not accepted before the retry window closed. */
    static final String BACKCHANNEL_LOGOUT_FAILED = "backchannel_logout_failed";
    /** A SAML service provider did not accept the back-channel LogoutRequest before the retry window closed. */
    static final String SAML_LOGOUT_FAILED = "saml_logout_failed";

    private static final Logger LOG = Logger.getLogger(DeliveryFailures.class);

    private final KeycloakSession session;

    DeliveryFailures(KeycloakSession session) {
        this.session = session;
    }

    /** A notice of the outbox that no try delivered before the retry window closed. */
    void failed(RealmModel realm, ClientModel client, String protocol, int attempts, String lastStatus) {
        report(realm, client, errorFor(protocol), attempts, lastStatus);
    }

    /** A relying party Keycloak tried once at the logout and that refused (an OIDC token that could not be built). */
    void notRetried(RealmModel realm, ClientModel client, String protocol, Integer status) {
        report(realm, client, errorFor(protocol), 1, status == null ? null : String.valueOf(status));
    }

    private static String errorFor(String protocol) {
        return "saml".equals(protocol) ? SAML_LOGOUT_FAILED : BACKCHANNEL_LOGOUT_FAILED;
    }

    private void report(RealmModel realm, ClientModel client, String error, int attempts, String lastStatus) {
        AdminEvent event = new AdminEvent();
        event.setId(KeycloakModelUtils.generateId());
        event.setTime(System.currentTimeMillis());
        event.setRealmId(realm.getId());
        event.setRealmName(realm.getName());
        AuthDetails auth = new AuthDetails();
        auth.setRealmId(realm.getId());
        auth.setRealmName(realm.getName());
        auth.setClientId(client.getId());
        event.setAuthDetails(auth);
        event.setOperationType(OperationType.ACTION);
        event.setResourceType(ResourceType.CLIENT);
        event.setResourcePath("clients/" + client.getId() + "/backchannel-logout");
        event.setError(error);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("client_id", client.getClientId());
        details.put("attempts", String.valueOf(attempts));
        details.put("last_status", lastStatus == null ? "no_answer" : lastStatus);
        event.setDetails(details);
        if (realm.isAdminEventsEnabled()) {
            EventStoreProvider store = session.getProvider(EventStoreProvider.class);
            if (store != null) {
                store.onEvent(event, false);
            }
        }
        realm.getEventsListenersStream().forEach(id -> {
            EventListenerProvider listener = session.getProvider(EventListenerProvider.class, id);
            if (listener != null) {
                listener.onEvent(event, false);
            }
        });
        LOG.warnf("%s: client %s, %d attempt(s), last status %s", error, client.getClientId(), attempts, details.get("last_status"));
    }
}
