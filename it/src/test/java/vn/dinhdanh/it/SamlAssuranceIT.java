package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dinhdanh.it.support.SamlServiceProvider.LOA_1;
import static vn.dinhdanh.it.support.SamlServiceProvider.LOA_2;
import static vn.dinhdanh.it.support.SamlServiceProvider.nameId;

import com.fasterxml.jackson.databind.JsonNode;
import com.onelogin.saml2.authn.SamlResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.w3c.dom.Document;
import vn.dinhdanh.it.support.Browser;
import vn.dinhdanh.it.support.Citizen;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.Registry;
import vn.dinhdanh.it.support.SamlLogins;
import vn.dinhdanh.it.support.SamlLogins.Login;
import vn.dinhdanh.it.support.SamlServiceProvider;
import vn.dinhdanh.it.support.SamlServiceProvider.Requested;
import vn.dinhdanh.it.support.SamlServiceProvider.Sent;
import vn.dinhdanh.it.support.SamlTampering;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.sandbox.app.AppClient;

/**
 * Levels of assurance as a SAML service provider sees them, {@code legacy-portal} played by OneLogin's java-saml
 * (strict): {@code RequestedAuthnContext} exact/minimum/better, the {@code AuthnContextClassRef} of the level
 * earned, step-up, the SP's minimum, and {@code NoAuthnContext} for what cannot be given. Attributes and
 * signatures: {@link SamlAttributesIT}.
 */
@ExtendWith(DinhdanhServerExtension.class)
class SamlAssuranceIT {

    private static final String NO_AUTHN_CONTEXT = "urn:oasis:names:tc:SAML:2.0:status:NoAuthnContext";
    private static final String LEVEL_2 = Registry.ALIVE + " AND c.eid_level = 2";
    private static final String LEVEL_1 = Registry.ALIVE + " AND c.eid_level = 1";

    private ServerUnderTest server;
    private Registry registry;
    private SamlServiceProvider sp;
    private SamlLogins logins;
    private AppClient app;

    @BeforeEach
    void setUp(ServerUnderTest server) {
        this.server = server;
        this.registry = new Registry(server);
        this.sp = new SamlServiceProvider(server);
        this.logins = new SamlLogins(server);
        this.app = new AppClient(server.realmUrl());
    }

    /** The page shows the number to pick (a push to the citizen's phone); the phone approves it. */
    private void approveOnPhone(Browser browser, Citizen citizen) {
        browser.waitFor(By.id("dinhdanh-app-number"));
        int shown = Integer.parseInt(browser.driver().findElement(By.id("dinhdanh-app-number")).getText().strip());
        JsonNode challenge = citizen.onlyPending(app);
        assertThat(app.decide(citizen.phone(), challenge, true, shown).body().path("decision").asText()).isEqualTo("approved");
    }

    /** Keycloak answers Responder with the second-level status NoAuthnContext, signed, with no assertion. */
    private void assertNoAuthnContext(SamlResponse response, Sent sent) {
        assertThat(SamlServiceProvider.status(response).getStatusCode()).isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Responder");
        assertThat(SamlServiceProvider.status(response).getSubStatusCode()).isEqualTo(NO_AUTHN_CONTEXT);
        assertThat(response.isValid(sent.requestId())).isFalse();
        assertThat(response.getError()).contains("was not Success");
        Document document = SamlTampering.parse(response.getSAMLResponseXml().getBytes(StandardCharsets.UTF_8));
        assertThat(document.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Assertion").getLength()).isZero();
        assertThat(document.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature").getLength()).isEqualTo(1);
        assertThat(document.getDocumentElement().getAttribute("InResponseTo")).isEqualTo(sent.requestId());
    }

    @Nested
    @DisplayName("levels of assurance")
    class Levels {

        @Test
        @DisplayName("step-up: password at exact loa:1 → loa:1; exact loa:2 in that session → only the app approval → loa:2; "
                + "then minimum loa:1, better loa:1 and nothing asked → loa:2 (the level earned), exact loa:1 → loa:1")
        void stepUpThenLower() {
            String number = registry.pick(LEVEL_2);
            Citizen citizen = new Citizen(number, app.enrolNewPhone(server.admin(), number));
            Login login = logins.withPassword(number);
            try (Browser browser = Browser.open("vi")) {
                Sent one = sp.authnRequest(Requested.exact(LOA_1));
                SamlResponse first = sp.valid(one, logins.postedAfter(browser, one, () -> browser.signIn(login.number(), login.password())));
                assertThat(SamlServiceProvider.authnContextClassRefs(first)).containsExactly(LOA_1);

                Sent two = sp.authnRequest(Requested.exact(LOA_2));
                SamlResponse stepped = sp.valid(two, logins.postedAfter(browser, two, () -> approveOnPhone(browser, citizen)));
                assertThat(SamlServiceProvider.authnContextClassRefs(stepped)).containsExactly(LOA_2);
                assertThat(nameId(stepped)).as("the same citizen").isEqualTo(nameId(first));

                Map<Requested, String> expected = new java.util.LinkedHashMap<>();
                expected.put(Requested.minimum(LOA_1), LOA_2);
                expected.put(Requested.better(LOA_1), LOA_2);
                expected.put(Requested.nothing(), LOA_2);
                expected.put(Requested.exact(LOA_1), LOA_1);
                expected.forEach((requested, stated) -> {
                    Sent sent = sp.authnRequest(requested);
                    SamlResponse response = sp.valid(sent, logins.postedAfter(browser, sent, () -> { }));
                    assertThat(SamlServiceProvider.authnContextClassRefs(response)).as("%s, level 2 earned", requested)
                            .containsExactly(stated);
                });
            }
        }

        @Test
        @DisplayName("a record at e-ID level 1 asking exact loa:2: the translated reason, then NoAuthnContext at the SP, no assertion")
        void levelOneRecordAskingLevelTwo() {
            Login login = logins.withPassword(registry.pick(LEVEL_1));
            Sent sent = sp.authnRequest(Requested.exact(LOA_2));
            try (Browser browser = Browser.open("vi")) {
                String posted = logins.postedAfter(browser, sent, () -> {
                    browser.signIn(login.number(), login.password());
                    browser.waitFor(By.id("dinhdanh-level-2-reason"));
                    assertThat(browser.text()).contains("chưa ở mức 2");
                    browser.driver().findElement(By.id("dinhdanh-level-2-return")).click();
                });
                assertNoAuthnContext(sp.response(sent, posted), sent);
            }
            assertThat(server.log()).doesNotContain(login.number());
        }
    }

    @Nested
    @DisplayName("requested authentication contexts")
    class RequestedContexts {

        @Test
        @DisplayName("a context dinhdanh does not know gets the status NoAuthnContext, no assertion and no login page")
        void unknownContext() {
            Sent sent = sp.authnRequest(Requested.exact("urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"));
            SamlResponse response = sp.response(sent, logins.answeredAtOnce(sent));

            assertNoAuthnContext(response, sent);
        }

        @Test
        @DisplayName("an SP whose minimum is level 2 asking exactly level 1 gets NoAuthnContext (minimum.acr.value per SP)")
        void belowTheSpMinimum() {
            String previous = logins.setClientAttribute("minimum.acr.value", LOA_2);
            try {
                Sent sent = sp.authnRequest(Requested.exact(LOA_1));
                SamlResponse response = sp.response(sent, logins.answeredAtOnce(sent));
                assertNoAuthnContext(response, sent);
            } finally {
                logins.setClientAttribute("minimum.acr.value", previous);
            }
        }
    }
}
