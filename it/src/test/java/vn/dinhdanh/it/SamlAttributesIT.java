package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dinhdanh.it.support.SamlServiceProvider.LOA_1;
import static vn.dinhdanh.it.support.SamlServiceProvider.LOA_2;
import static vn.dinhdanh.it.support.SamlServiceProvider.attributes;
import static vn.dinhdanh.it.support.SamlServiceProvider.nameId;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.onelogin.saml2.authn.SamlResponse;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import vn.dinhdanh.it.support.Browser;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.LoopbackReceiver;
import vn.dinhdanh.it.support.Registry;
import vn.dinhdanh.it.support.SamlLogins;
import vn.dinhdanh.it.support.SamlLogins.Login;
import vn.dinhdanh.it.support.SamlServiceProvider;
import vn.dinhdanh.it.support.SamlServiceProvider.Requested;
import vn.dinhdanh.it.support.SamlServiceProvider.Sent;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.sandbox.Ports;

/**
 * What a SAML service provider receives, checked by OneLogin's java-saml (strict) playing {@code legacy-portal}:
 * the citizen's registry data under the shared names and nothing more, a pairwise NameID, signatures that an
 * altered or unsigned response fails. Levels: {@link SamlAssuranceIT}.
 */
@ExtendWith(DinhdanhServerExtension.class)
class SamlAttributesIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerUnderTest server;
    private Registry registry;
    private SamlServiceProvider sp;
    private SamlLogins logins;

    @BeforeEach
    void setUp(ServerUnderTest server) {
        this.server = server;
        this.registry = new Registry(server);
        this.sp = new SamlServiceProvider(server);
        this.logins = new SamlLogins(server);
    }

    private Login citizen(String condition) {
        return logins.withPassword(registry.pick(condition));
    }

    @Nested
    @DisplayName("attributes and signatures")
    class AttributesAndSignatures {

        @Test
        @DisplayName("a password login: java-saml accepts the signed response; the attributes are the registry's record under the shared names, no ID number anywhere")
        void attributesEqualTheRegistry() {
            Login login = citizen(Registry.ALIVE);
            Sent sent = sp.authnRequest(Requested.exact(LOA_1));
            String posted = logins.signIn(sent, login);
            SamlResponse response = sp.valid(sent, posted);
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
            assertThat(nameId(sp.valid(again, logins.signIn(again, login)))).isEqualTo(nameId(response));

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
            server.admin().post(SamlLogins.CLIENTS, client, Duration.ofSeconds(10)); // throws unless 2xx
            SamlServiceProvider second = new SamlServiceProvider(server, "second-portal", secondAcs);
            Login login = citizen(Registry.ALIVE);
            try (Browser browser = Browser.open("vi")) {
                Sent first = sp.authnRequest(Requested.exact(LOA_1));
                SamlResponse atLegacy = sp.valid(first, logins.postedAfter(browser, first, () -> browser.signIn(login.number(), login.password())));
                Sent other = second.authnRequest(Requested.exact(LOA_1));
                SamlResponse atSecond;
                try (LoopbackReceiver acs = new LoopbackReceiver(port)) {
                    browser.open(other.url());
                    atSecond = second.response(other, SamlLogins.posted(SamlLogins.awaitConsenting(browser, acs)));
                }
                assertThat(atSecond.isValid(other.requestId())).as("java-saml: %s", atSecond.getError()).isTrue();
                assertThat(attributes(atSecond)).isEqualTo(attributes(atLegacy));
                assertThat(nameId(atSecond)).isNotBlank().isNotEqualTo(nameId(atLegacy)).doesNotContain(login.number());
            } finally {
                String id = server.admin().get(SamlLogins.CLIENTS + "?clientId=second-portal").get(0).path("id").asText();
                assertThat(server.admin().delete(SamlLogins.CLIENTS + "/" + id, Duration.ofSeconds(10))).isEqualTo(204);
            }
        }

        @Test
        @DisplayName("an SP allowed the national number (one more mapper, as docs/relying-parties-saml.md says) gets id_number; removed, it is gone")
        void idNumberOnlyWhereAllowed() {
            Login login = citizen(Registry.ALIVE);
            String clientPath = SamlLogins.CLIENTS + "/" + server.admin().get(SamlLogins.CLIENTS + "?clientId=legacy-portal").get(0).path("id").asText();
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
                assertThat(attributes(sp.valid(sent, logins.signIn(sent, login)))).containsEntry("id_number", List.of(login.number()));
            } finally {
                assertThat(mapperId).isNotNull();
                assertThat(server.admin().delete(clientPath + "/protocol-mappers/models/" + mapperId, Duration.ofSeconds(10))).isEqualTo(204);
            }
            Sent sent = sp.authnRequest(Requested.exact(LOA_1));
            assertThat(attributes(sp.valid(sent, logins.signIn(sent, login)))).doesNotContainKey("id_number");
            assertThat(server.log()).doesNotContain(login.number());
        }

        @Test
        @DisplayName("an attribute altered after signing, or the signatures stripped: java-saml rejects the response and says why")
        void alteredOrUnsignedIsRejected() {
            Login login = citizen(Registry.ALIVE);
            Sent sent = sp.authnRequest(Requested.exact(LOA_1));
            String posted = logins.signIn(sent, login);
            sp.valid(sent, posted);

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
            String previous = logins.setClientAttribute("saml.assertion.signature", "false");
            try {
                Sent sent = sp.authnRequest(Requested.exact(LOA_1));
                SamlResponse response = sp.response(sent, logins.signIn(sent, login));
                assertThat(response.isValid(sent.requestId())).isFalse();
                assertThat(response.getError()).containsIgnoringCase("assertion of the response is not signed");
            } finally {
                logins.setClientAttribute("saml.assertion.signature", previous);
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
}
