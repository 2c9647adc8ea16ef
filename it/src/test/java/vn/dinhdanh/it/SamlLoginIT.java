package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.dinhdanh.it.support.Browser;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.LegacyPortal;
import vn.dinhdanh.it.support.LoopbackReceiver;
import vn.dinhdanh.it.support.LoopbackReceiver.Arrival;
import vn.dinhdanh.it.support.SamlResponseVerifier;
import vn.dinhdanh.it.support.SamlTampering;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.sandbox.LocalHttp;

/** A citizen signs in to the SAML service provider {@code legacy-portal}. */
@ExtendWith(DinhdanhServerExtension.class)
class SamlLoginIT {

    private ServerUnderTest server;
    private LegacyPortal portal;

    @BeforeEach
    void setUp(ServerUnderTest server) {
        this.server = server;
        this.portal = new LegacyPortal(server);
    }

    private byte[] signIn(String requestId) {
        try (LoopbackReceiver acs = new LoopbackReceiver(server.relyingParties().legacyPortalPort());
             Browser browser = Browser.open("vi")) {
            browser.open(portal.authnRequestUrl(requestId, LegacyPortal.ENTITY_ID));
            browser.signIn("tester", "tester-sandbox");
            Arrival arrival = vn.dinhdanh.it.support.SamlLogins.awaitConsenting(browser, acs);
            assertThat(arrival.method()).isEqualTo("POST");
            assertThat(arrival.path()).isEqualTo("/saml/acs");
            assertThat(arrival.parameters()).containsEntry("RelayState", "it");
            return Base64.getMimeDecoder().decode(arrival.parameters().get("SAMLResponse"));
        }
    }

    @Test
    @DisplayName("the HTTP-POST response carries a signed assertion that verifies against the published metadata")
    void signedAssertion() throws Exception {
        String requestId = LegacyPortal.newRequestId();
        byte[] response = signIn(requestId);

        SamlResponseVerifier.Verified verified = SamlResponseVerifier.verify(response, portal.expectations(requestId));
        assertThat(verified.nameId()).isNotBlank().doesNotContain("tester");
        assertThat(verified.authnContextClassRef()).isNotBlank();

        // The same verifier refuses the response once anything signed is altered...
        Document tampered = SamlTampering.parse(response);
        Element nameId = SamlTampering.nameId(tampered);
        nameId.setTextContent("someone-else");
        assertThatThrownBy(() -> SamlResponseVerifier.verify(SamlTampering.serialize(tampered), portal.expectations(requestId)))
                .isInstanceOf(SamlResponseVerifier.Rejected.class).hasMessageContaining("signature is invalid");
        // ...while a mere re-serialisation of the untouched document still verifies.
        assertThat(SamlResponseVerifier.verify(SamlTampering.serialize(SamlTampering.parse(response)), portal.expectations(requestId)))
                .isEqualTo(verified);

        // It answers exactly this request.
        assertThatThrownBy(() -> SamlResponseVerifier.verify(response, portal.expectations(LegacyPortal.newRequestId())))
                .isInstanceOf(SamlResponseVerifier.Rejected.class).hasMessageContaining("InResponseTo");
    }

    @Test
    @DisplayName("an AuthnRequest from an unknown service provider gets an error page, no assertion")
    void unknownServiceProvider() throws Exception {
        HttpResponse<String> page = LocalHttp.builder().followRedirects(HttpClient.Redirect.NEVER).build().send(
                HttpRequest.newBuilder(portal.authnRequestUrl(LegacyPortal.newRequestId(), "https://unknown.example/sp"))
                        .header("Accept-Language", "vi").build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).doesNotContain("SAMLResponse");
    }
}
