package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dinhdanh.it.support.SamlServiceProvider.LOA_1;
import static vn.dinhdanh.it.support.SamlServiceProvider.LOA_2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.onelogin.saml2.authn.SamlResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import vn.dinhdanh.it.support.Browser;
import vn.dinhdanh.it.support.Citizen;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.LoopbackReceiver;
import vn.dinhdanh.it.support.LoopbackReceiver.Arrival;
import vn.dinhdanh.it.support.Registry;
import vn.dinhdanh.it.support.SamlServiceProvider;
import vn.dinhdanh.it.support.SamlServiceProvider.Requested;
import vn.dinhdanh.it.support.SamlServiceProvider.Sent;
import vn.dinhdanh.it.support.SamlTampering;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.sandbox.Ports;
import vn.dinhdanh.sandbox.SandboxSecrets;
import vn.dinhdanh.sandbox.app.AppClient;

/**
 * The SAML service provider {@code legacy-portal}, played by OneLogin's java-saml (strict), asks for a level
 * with {@code RequestedAuthnContext} and gets signed assertions carrying the level and the citizen's registry
 * data under the shared names.
 */
@ExtendWith(DinhdanhServerExtension.class)
class SamlAssuranceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMPONENT = "population-registry";
    private static final String CLIENT = "/admin/realms/dinhdanh/clients";
    private static final String NO_AUTHN_CONTEXT = "urn:oasis:names:tc:SAML:2.0:status:NoAuthnContext";
    private static final String LEVEL_2 = Registry.ALIVE + " AND c.eid_level = 2";
    private static final String LEVEL_1 = Registry.ALIVE + " AND c.eid_level = 1";

    private ServerUnderTest server;
    private Registry registry;
    private SamlServiceProvider sp;
    private AppClient app;

    @BeforeEach
    void setUp(ServerUnderTest server) {
        this.server = server;
        this.registry = new Registry(server);
        this.sp = new SamlServiceProvider(server);
        this.app = new AppClient(server.realmUrl());
    }

    /** A citizen of the registry who may log in, with a password in Keycloak's federated storage. */
    private record Login(String number, String password) {
    }

    private Login citizen(String condition) {
        return citizenWithPassword(registry.pick(condition));
    }

    private Login citizenWithPassword(String number) {
        String password = SandboxSecrets.random();
        ObjectNode credential = JSON.createObjectNode().put("type", "password").put("value", password).put("temporary", false);
        assertThat(server.admin().put("/admin/realms/dinhdanh/users/f:" + COMPONENT + ":" + number + "/reset-password", credential))
                .isEqualTo(204);
        return new Login(number, password);
    }

    /** The browser takes the AuthnRequest to dinhdanh, the citizen logs in, the form posts the Response to the ACS. */
    private String signIn(Sent sent, Login login) {
        try (LoopbackReceiver acs = new LoopbackReceiver(server.relyingParties().legacyPortalPort());
             Browser browser = Browser.open("vi")) {
            browser.open(sent.url());
            browser.signIn(login.number(), login.password());
            return posted(acs.await(Duration.ofSeconds(30)));
        }
    }

    /** An AuthnRequest that dinhdanh answers at once (no login page): the error Response the browser posts. */
    private String answeredAtOnce(Sent sent) {
        try (LoopbackReceiver acs = new LoopbackReceiver(server.relyingParties().legacyPortalPort());
             Browser browser = Browser.open("vi")) {
            browser.open(sent.url());
            return posted(acs.await(Duration.ofSeconds(30)));
        }
    }

    /** The next Response posted to the ACS once {@code steps} have run in {@code browser} (which may hold a session). */
    private String postedAfter(Browser browser, Sent sent, Runnable steps) {
        try (LoopbackReceiver acs = new LoopbackReceiver(server.relyingParties().legacyPortalPort())) {
            browser.open(sent.url());
            steps.run();
            return posted(acs.await(Duration.ofSeconds(30)));
        }
    }

    /** The page shows the number to pick (a push to the citizen's phone); the phone approves it. */
    private void approveOnPhone(Browser browser, Citizen citizen) {
        browser.waitFor(By.id("dinhdanh-app-number"));
        int shown = Integer.parseInt(browser.driver().findElement(By.id("dinhdanh-app-number")).getText().strip());
        JsonNode challenge = citizen.onlyPending(app);
        assertThat(app.decide(citizen.phone(), challenge, true, shown).body().path("decision").asText()).isEqualTo("approved");
    }

    private static String posted(Arrival arrival) {
        assertThat(arrival.method()).isEqualTo("POST");
        assertThat(arrival.path()).isEqualTo("/saml/acs");
        assertThat(arrival.parameters()).containsEntry("RelayState", "it").containsKey("SAMLResponse");
        return arrival.parameters().get("SAMLResponse");
    }

    private SamlResponse valid(Sent sent, String posted) {
        SamlResponse response = sp.response(sent, posted);
        boolean valid = response.isValid(sent.requestId());
        assertThat(valid).as("java-saml: %s", response.getError()).isTrue();
        return response;
    }

    private Map<String, List<String>> attributes(SamlResponse response) {
        try {
            return response.getAttributes();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String nameId(SamlResponse response) {
        try {
            return response.getNameId();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Sets (or, with null, removes) one attribute of the legacy-portal client; returns the previous value. */
    private String setClientAttribute(String name, String value) {
        String id = server.admin().get(CLIENT + "?clientId=legacy-portal").get(0).path("id").asText();
        ObjectNode client = (ObjectNode) server.admin().get(CLIENT + "/" + id);
        ObjectNode attributes = (ObjectNode) client.path("attributes");
        String previous = attributes.hasNonNull(name) ? attributes.get(name).asText() : null;
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
        assertThat(server.admin().put(CLIENT + "/" + id, client)).isEqualTo(204);
        return previous;
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
    @DisplayName("attributes and signatures")
    class AttributesAndSignatures {

        @Test
        @DisplayName("a password login: java-saml accepts the signed response; the attributes are the registry's record under the shared names, no ID number anywhere")
        void attributesEqualTheRegistry() {
            Login login = citizen(Registry.ALIVE);
            Sent sent = sp.authnRequest(Requested.exact(LOA_1));
            String posted = signIn(sent, login);
            SamlResponse response = valid(sent, posted);
            assertThat(SamlServiceProvider.authnContextClassRefs(response)).containsExactly(LOA_1);

            String fullName = registry.text("SELECT full_name FROM citizen WHERE id_number = ?", login.number());
            Map<String, List<String>> expected = Map.of(
                    "name", List.of(fullName),
                    "family_name", List.of(fullName.substring(0, fullName.indexOf(' '))),
                    "given_name", List.of(fullName.substring(fullName.indexOf(' ') + 1)),
                    "birthdate", List.of(registry.text("SELECT birth_date::text FROM citizen WHERE id_number = ?", login.number())),
                    "gender", List.of(registry.text("SELECT CASE sex WHEN 'M' THEN 'male' ELSE 'female' END FROM citizen WHERE id_number = ?",
                            login.number())),
                    "address", List.of(registry.text("SELECT place_of_residence FROM citizen WHERE id_number = ?", login.number())),
                    "place_of_origin", List.of(registry.text("SELECT place_of_origin FROM citizen WHERE id_number = ?", login.number())));
            // Exactly these: legacy-portal is not allowed the national number (citizen_id) nor the eKYC record.
            assertThat(attributes(response)).isEqualTo(expected);
            assertThat(response.getSAMLResponseXml()).doesNotContain(login.number());
            assertThat(server.log()).doesNotContain(login.number());

            // The NameID is persistent and pairwise: not the user id (which embeds the number), stable for this SP.
            assertThat(nameId(response)).isNotBlank().doesNotContain(login.number());
            try {
                assertThat(response.getNameIdFormat()).isEqualTo("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            Sent again = sp.authnRequest(Requested.exact(LOA_1));
            assertThat(nameId(valid(again, signIn(again, login)))).isEqualTo(nameId(response));

            // It answers this request only, and this SP only.
            SamlResponse elsewhere = sp.response(sent, posted);
            assertThat(elsewhere.isValid("_another-request")).isFalse();
            assertThat(elsewhere.getError()).contains("InResponseTo");
            SamlResponse otherSp = sp.response(new Sent(sent.requestId(), sent.url(),
                    sp.settings(Requested.exact(LOA_1), "https://other-sp.example/saml")), posted);
            assertThat(otherSp.isValid(sent.requestId())).isFalse();
            assertThat(otherSp.getError()).containsIgnoringCase("audience");
        }

        @Test
        @DisplayName("a second SP onboarded from legacy-portal's realm-file entry (docs' recipe): same attributes, another NameID (pairwise)")
        void pairwiseAcrossTwoSps() throws Exception {
            int port = Ports.free();
            URI secondAcs = URI.create("http://localhost:" + port + "/saml/acs");
            JsonNode realm = JSON.readTree(Path.of(System.getProperty("dinhdanh.home"), "realm-config/dinhdanh-realm.json").toFile());
            ObjectNode client = null;
            for (JsonNode candidate : realm.path("clients")) {
                if (candidate.path("clientId").asText().equals("legacy-portal")) {
                    client = candidate.deepCopy();
                }
            }
            assertThat(client).isNotNull();
            client.put("clientId", "second-portal").put("name", "Second portal (test)");
            client.putArray("redirectUris").add(secondAcs.toString());
            ((ObjectNode) client.path("attributes")).put("saml_assertion_consumer_url_post", secondAcs.toString());
            server.admin().post(CLIENT, client, Duration.ofSeconds(10)); // throws unless 2xx
            SamlServiceProvider second = new SamlServiceProvider(server, "second-portal", secondAcs);
            Login login = citizen(Registry.ALIVE);
            try (Browser browser = Browser.open("vi")) {
                Sent first = sp.authnRequest(Requested.exact(LOA_1));
                SamlResponse atLegacy = valid(first, postedAfter(browser, first, () -> browser.signIn(login.number(), login.password())));
                Sent other = second.authnRequest(Requested.exact(LOA_1));
                SamlResponse atSecond;
                try (LoopbackReceiver acs = new LoopbackReceiver(port)) {
                    browser.open(other.url());
                    atSecond = second.response(other, posted(acs.await(Duration.ofSeconds(30))));
                }
                assertThat(atSecond.isValid(other.requestId())).as("java-saml: %s", atSecond.getError()).isTrue();
                assertThat(attributes(atSecond)).isEqualTo(attributes(atLegacy));
                assertThat(nameId(atSecond)).isNotBlank().isNotEqualTo(nameId(atLegacy)).doesNotContain(login.number());
            } finally {
                String id = server.admin().get(CLIENT + "?clientId=second-portal").get(0).path("id").asText();
                assertThat(server.admin().delete(CLIENT + "/" + id, Duration.ofSeconds(10))).isEqualTo(204);
            }
        }

        @Test
        @DisplayName("an SP allowed the national number (one more mapper, as docs/relying-parties-saml.md says) gets id_number; removed, it is gone")
        void idNumberOnlyWhereAllowed() {
            Login login = citizen(Registry.ALIVE);
            String clientPath = CLIENT + "/" + server.admin().get(CLIENT + "?clientId=legacy-portal").get(0).path("id").asText();
            ObjectNode mapper = JSON.createObjectNode().put("name", "id_number").put("protocol", "saml")
                    .put("protocolMapper", "saml-user-attribute-mapper");
            mapper.putObject("config").put("user.attribute", "id_number").put("attribute.name", "id_number")
                    .put("attribute.nameformat", "Basic");
            server.admin().post(clientPath + "/protocol-mappers/models", mapper, Duration.ofSeconds(10)); // throws unless 2xx
            String mapperId = null;
            try {
                for (JsonNode existing : server.admin().get(clientPath + "/protocol-mappers/models")) {
                    if (existing.path("name").asText().equals("id_number")) {
                        mapperId = existing.path("id").asText();
                    }
                }
                Sent sent = sp.authnRequest(Requested.exact(LOA_1));
                assertThat(attributes(valid(sent, signIn(sent, login)))).containsEntry("id_number", List.of(login.number()));
            } finally {
                assertThat(mapperId).isNotNull();
                assertThat(server.admin().delete(clientPath + "/protocol-mappers/models/" + mapperId, Duration.ofSeconds(10))).isEqualTo(204);
            }
            Sent sent = sp.authnRequest(Requested.exact(LOA_1));
            assertThat(attributes(valid(sent, signIn(sent, login)))).doesNotContainKey("id_number");
            assertThat(server.log()).doesNotContain(login.number());
        }

        @Test
        @DisplayName("an attribute altered after signing, or the signatures stripped: java-saml rejects the response and says why")
        void alteredOrUnsignedIsRejected() {
            Login login = citizen(Registry.ALIVE);
            Sent sent = sp.authnRequest(Requested.exact(LOA_1));
            String posted = signIn(sent, login);
            valid(sent, posted);

            Document altered = SamlServiceProvider.decode(posted);
            attributeValue(altered, "birthdate").setTextContent("1970-01-01");
            SamlResponse alteredResponse = sp.response(sent, SamlServiceProvider.encode(altered));
            assertThat(alteredResponse.isValid(sent.requestId())).isFalse();
            assertThat(alteredResponse.getError()).containsIgnoringCase("signature validation failed");

            Document stripped = SamlServiceProvider.decode(posted);
            NodeList signatures = stripped.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature");
            assertThat(signatures.getLength()).isEqualTo(2); // response and assertion
            while (signatures.getLength() > 0) {
                Node signature = signatures.item(0);
                signature.getParentNode().removeChild(signature);
            }
            SamlResponse strippedResponse = sp.response(sent, SamlServiceProvider.encode(stripped));
            assertThat(strippedResponse.isValid(sent.requestId())).isFalse();
            assertThat(strippedResponse.getError()).containsIgnoringCase("not signed");
        }

        @Test
        @DisplayName("an IdP that stops signing the assertion (response still signed) is refused by an SP that wants signed assertions")
        void unsignedAssertionIsRejected() {
            Login login = citizen(Registry.ALIVE);
            String previous = setClientAttribute("saml.assertion.signature", "false");
            try {
                Sent sent = sp.authnRequest(Requested.exact(LOA_1));
                SamlResponse response = sp.response(sent, signIn(sent, login));
                assertThat(response.isValid(sent.requestId())).isFalse();
                assertThat(response.getError()).containsIgnoringCase("assertion of the response is not signed");
            } finally {
                setClientAttribute("saml.assertion.signature", previous);
            }
        }

        private Element attributeValue(Document response, String name) {
            NodeList attributes = response.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Attribute");
            for (int i = 0; i < attributes.getLength(); i++) {
                Element attribute = (Element) attributes.item(i);
                if (name.equals(attribute.getAttribute("Name"))) {
                    return (Element) attribute.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "AttributeValue").item(0);
                }
            }
            throw new AssertionError("no attribute " + name);
        }
    }

    @Nested
    @DisplayName("requested authentication contexts")
    class RequestedContexts {

        @Test
        @DisplayName("a context dinhdanh does not know gets the status NoAuthnContext, no assertion and no login page")
        void unknownContext() {
            Sent sent = sp.authnRequest(Requested.exact("urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"));
            SamlResponse response = sp.response(sent, answeredAtOnce(sent));

            assertNoAuthnContext(response, sent);
        }

        @Test
        @DisplayName("an SP whose minimum is level 2 asking exactly level 1 gets NoAuthnContext (minimum.acr.value per SP)")
        void belowTheSpMinimum() {
            String previous = setClientAttribute("minimum.acr.value", LOA_2);
            try {
                Sent sent = sp.authnRequest(Requested.exact(LOA_1));
                SamlResponse response = sp.response(sent, answeredAtOnce(sent));
                assertNoAuthnContext(response, sent);
            } finally {
                setClientAttribute("minimum.acr.value", previous);
            }
        }
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
            Login login = citizenWithPassword(number);
            try (Browser browser = Browser.open("vi")) {
                Sent one = sp.authnRequest(Requested.exact(LOA_1));
                SamlResponse first = valid(one, postedAfter(browser, one, () -> browser.signIn(login.number(), login.password())));
                assertThat(SamlServiceProvider.authnContextClassRefs(first)).containsExactly(LOA_1);

                Sent two = sp.authnRequest(Requested.exact(LOA_2));
                SamlResponse stepped = valid(two, postedAfter(browser, two, () -> approveOnPhone(browser, citizen)));
                assertThat(SamlServiceProvider.authnContextClassRefs(stepped)).containsExactly(LOA_2);
                assertThat(nameId(stepped)).as("the same citizen").isEqualTo(nameId(first));

                Map<Requested, String> expected = new java.util.LinkedHashMap<>();
                expected.put(Requested.minimum(LOA_1), LOA_2);
                expected.put(Requested.better(LOA_1), LOA_2);
                expected.put(Requested.nothing(), LOA_2);
                expected.put(Requested.exact(LOA_1), LOA_1);
                expected.forEach((requested, stated) -> {
                    Sent sent = sp.authnRequest(requested);
                    SamlResponse response = valid(sent, postedAfter(browser, sent, () -> { }));
                    assertThat(SamlServiceProvider.authnContextClassRefs(response)).as("%s, level 2 earned", requested)
                            .containsExactly(stated);
                });
            }
        }

        @Test
        @DisplayName("a record at e-ID level 1 asking exact loa:2: the translated reason, then NoAuthnContext at the SP, no assertion")
        void levelOneRecordAskingLevelTwo() {
            Login login = citizenWithPassword(registry.pick(LEVEL_1));
            Sent sent = sp.authnRequest(Requested.exact(LOA_2));
            try (Browser browser = Browser.open("vi")) {
                String posted = postedAfter(browser, sent, () -> {
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
}
