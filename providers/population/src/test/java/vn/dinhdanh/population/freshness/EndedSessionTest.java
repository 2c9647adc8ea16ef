package vn.dinhdanh.population.freshness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.protocol.saml.SamlProtocol;
import org.keycloak.protocol.saml.SamlSessionUtils;
import org.keycloak.util.JsonSerialization;

@DisplayName("An ended SAML session kept in the logout outbox gives Keycloak's SAML logout what it read at the logout")
class EndedSessionTest {

    private static final EndedSession ENDED = new EndedSession("user-session-1", "f:population-registry:001099000001", false,
            1_764_900_000, "client-session-1", SamlProtocol.LOGIN_PROTOCOL,
            Map.of(SamlProtocol.SAML_NAME_ID, "G-7c1f", SamlProtocol.SAML_NAME_ID_FORMAT,
                    "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"));

    /** A client that answers only its id (all the stand-ins ask of it). */
    private static ClientModel client(String id) {
        return (ClientModel) Proxy.newProxyInstance(ClientModel.class.getClassLoader(), new Class<?>[] {ClientModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> id;
                    case "hashCode" -> id.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    @DisplayName("it survives the outbox's JSON unchanged")
    void roundTrip() throws Exception {
        String json = JsonSerialization.writeValueAsString(ENDED);
        assertThat(JsonSerialization.readValue(json, EndedSession.class)).isEqualTo(ENDED);
    }

    @Test
    @DisplayName("the stand-in carries the NameID, its format and the session index Keycloak sent at login")
    void standIn() {
        AuthenticatedClientSessionModel clientSession = ENDED.clientSession(null, null, client("client-uuid"));
        assertThat(clientSession.getNote(SamlProtocol.SAML_NAME_ID)).isEqualTo("G-7c1f");
        assertThat(clientSession.getNote(SamlProtocol.SAML_NAME_ID_FORMAT)).endsWith(":persistent");
        assertThat(SamlSessionUtils.getSessionIndex(clientSession)).isEqualTo("user-session-1::client-uuid");
        assertThat(clientSession.getUserSession().getAuthenticatedClientSessionByClient("client-uuid")).isSameAs(clientSession);
        assertThat(clientSession.getUserSession().getLoginUsername()).as("the ID number is not kept").isNull();
    }

    @Test
    @DisplayName("writes to the stand-in stay in it, and it cannot be restarted")
    void readOnly() {
        AuthenticatedClientSessionModel clientSession = ENDED.clientSession(null, null, client("client-uuid"));
        clientSession.setNote(SamlProtocol.SAML_NAME_ID, "changed");
        assertThat(ENDED.notes().get(SamlProtocol.SAML_NAME_ID)).isEqualTo("G-7c1f");
        assertThatThrownBy(() -> clientSession.getUserSession().restartSession(null, null, null, null, null, false, null, null))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
