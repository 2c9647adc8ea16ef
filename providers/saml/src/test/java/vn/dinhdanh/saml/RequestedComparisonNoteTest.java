package vn.dinhdanh.saml;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.dom.saml.v2.protocol.AuthnContextComparisonType;
import org.keycloak.dom.saml.v2.protocol.AuthnRequestType;
import org.keycloak.dom.saml.v2.protocol.RequestedAuthnContextType;
import org.keycloak.sessions.AuthenticationSessionModel;

class RequestedComparisonNoteTest {

    /** Client notes only: all the preprocessor touches of an authentication session. */
    private static AuthenticationSessionModel notes(Map<String, String> notes) {
        return (AuthenticationSessionModel) Proxy.newProxyInstance(AuthenticationSessionModel.class.getClassLoader(),
                new Class<?>[] {AuthenticationSessionModel.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "setClientNote" -> notes.put((String) args[0], (String) args[1]);
                    case "getClientNote" -> notes.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static String noteAfter(RequestedAuthnContextType requested, Map<String, String> notes) {
        AuthnRequestType request = new AuthnRequestType("_id", null);
        request.setRequestedAuthnContext(requested);
        assertThat(new RequestedComparisonNote().beforeProcessingLoginRequest(request, notes(notes))).isSameAs(request);
        return notes.get(RequestedComparisonNote.NOTE);
    }

    private static RequestedAuthnContextType asking(AuthnContextComparisonType comparison, String... contexts) {
        RequestedAuthnContextType requested = new RequestedAuthnContextType();
        requested.setComparison(comparison);
        for (String context : contexts) {
            requested.addAuthnContextClassRef(context);
        }
        return requested;
    }

    @Test
    @DisplayName("the comparison asked is kept; absent with contexts is exact (SAML core)")
    void comparisonKept() {
        assertThat(noteAfter(asking(AuthnContextComparisonType.MINIMUM, "urn:vn:eid:loa:1"), new HashMap<>())).isEqualTo("MINIMUM");
        assertThat(noteAfter(asking(AuthnContextComparisonType.BETTER, "urn:vn:eid:loa:1"), new HashMap<>())).isEqualTo("BETTER");
        assertThat(noteAfter(asking(null, "urn:vn:eid:loa:2"), new HashMap<>())).isEqualTo("EXACT");
    }

    @Test
    @DisplayName("nothing asked (no element, or no context in it): NONE, overwriting an earlier request's note")
    void nothingAsked() {
        Map<String, String> notes = new HashMap<>(Map.of(RequestedComparisonNote.NOTE, "MINIMUM"));
        assertThat(noteAfter(null, notes)).isEqualTo("NONE");
        assertThat(noteAfter(asking(AuthnContextComparisonType.MINIMUM), new HashMap<>())).isEqualTo("NONE");
        assertThat(AuthnContextChoice.Comparison.parse(noteAfter(null, new HashMap<>()))).isEqualTo(AuthnContextChoice.Comparison.NONE);
    }
}
