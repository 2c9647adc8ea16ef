package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dinhdanh.it.support.SamlServiceProvider.LOA_1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import vn.dinhdanh.it.support.Browser;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.LoopbackReceiver;
import vn.dinhdanh.it.support.OidcRp;
import vn.dinhdanh.it.support.Passwords;
import vn.dinhdanh.it.support.Registry;
import vn.dinhdanh.it.support.SamlLogins;
import vn.dinhdanh.it.support.SamlServiceProvider;
import vn.dinhdanh.it.support.SamlServiceProvider.Requested;
import vn.dinhdanh.it.support.SamlServiceProvider.Sent;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.sandbox.Ports;
import vn.dinhdanh.sandbox.SandboxSecrets;

/**
 * The realm's consent policy (client policy dinhdanh-consent): every relying party that logs citizens in shows the
 * consent page naming the items and the purpose, whatever its registration says; SAML service providers too.
 */
@ExtendWith(DinhdanhServerExtension.class)
class ConsentPolicyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENTS = "/admin/realms/dinhdanh/clients";
    private static final String PURPOSE = "Cấp thẻ hội viên câu lạc bộ";

    /** The portal registration of docs/relying-parties.md: no consentRequired in it. */
    private static ObjectNode portal(String clientId, String secret, URI callback) {
        ObjectNode client = JSON.createObjectNode().put("clientId", clientId).put("name", "Câu lạc bộ (thử) · Club (test)")
                .put("protocol", "openid-connect").put("publicClient", false).put("clientAuthenticatorType", "client-secret")
                .put("secret", secret).put("standardFlowEnabled", true).put("implicitFlowEnabled", false)
                .put("directAccessGrantsEnabled", false).put("fullScopeAllowed", false);
        client.putArray("redirectUris").add(callback.toString());
        client.putObject("attributes").put("pkce.code.challenge.method", "S256").put("dinhdanh.purpose", PURPOSE);
        return client;
    }

    @Nested
    @DisplayName("OpenID Connect")
    class Oidc {

        @Test
        @DisplayName("a client registered through the admin API without consentRequired gets the consent page, with its purpose")
        void registeredWithoutConsent(ServerUnderTest server) throws Exception {
            int port = Ports.free();
            URI callback = URI.create("http://127.0.0.1:" + port + "/callback");
            String clientId = "club-" + UUID.randomUUID();
            String secret = SandboxSecrets.random();
            server.admin().post(CLIENTS, portal(clientId, secret, callback), Duration.ofSeconds(30));
            String id = server.admin().get(CLIENTS + "?clientId=" + clientId).get(0).path("id").asText();
            try {
                assertThat(server.admin().get(CLIENTS + "/" + id).path("consentRequired").asBoolean()).isTrue();
                String number = new Registry(server).pick(Registry.ALIVE);
                String password = Passwords.give(server, number);
                OidcRp rp = new OidcRp(server, clientId, secret, callback);
                OidcRp.Attempt attempt = rp.start("openid citizen_basic");
                try (Browser browser = Browser.open("vi"); LoopbackReceiver receiver = new LoopbackReceiver(port)) {
                    browser.open(attempt.authorizationUrl());
                    browser.signIn(number, password);
                    browser.waitFor(By.id("dinhdanh-consent-items"));
                    assertThat(browser.text()).contains("Câu lạc bộ (thử)").contains(PURPOSE)
                            .contains("Họ, chữ đệm và tên; ngày, tháng, năm sinh; giới tính");
                    browser.driver().findElement(By.id("kc-login")).click();
                    OidcRp.Login login = rp.finish(attempt, receiver.await(Duration.ofSeconds(30)).parameters().get("code"));
                    assertThat(login.idToken().getStringClaim("birthdate")).isNotBlank();
                }
                // An update that switches consent off explicitly is overruled.
                ObjectNode stored = (ObjectNode) server.admin().get(CLIENTS + "/" + id);
                stored.put("consentRequired", false);
                assertThat(server.admin().put(CLIENTS + "/" + id, stored)).isEqualTo(204);
                assertThat(server.admin().get(CLIENTS + "/" + id).path("consentRequired").asBoolean()).isTrue();
            } finally {
                server.admin().delete(CLIENTS + "/" + id, Duration.ofSeconds(30));
            }
        }

        @Test
        @DisplayName("a registration without dinhdanh.purpose is refused: 400 invalid_client_metadata, purpose_required")
        void purposeRequired(ServerUnderTest server) throws Exception {
            ObjectNode client = portal("no-purpose-" + UUID.randomUUID(), SandboxSecrets.random(), URI.create("https://rp.example.vn/cb"));
            ((ObjectNode) client.path("attributes")).remove("dinhdanh.purpose");
            HttpResponse<String> refused = server.admin().exchange("POST", CLIENTS, client);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            JsonNode error = JSON.readTree(refused.body());
            assertThat(error.path("error").asText()).isEqualTo("invalid_client_metadata");
            assertThat(error.path("error_description").asText()).startsWith("purpose_required");
        }
    }

    @Nested
    @DisplayName("SAML")
    class Saml {

        @Test
        @DisplayName("legacy-portal's first login of a citizen shows the consent page naming its attributes and purpose, then the Response")
        void samlConsent(ServerUnderTest server) {
            SamlLogins logins = new SamlLogins(server);
            SamlServiceProvider sp = new SamlServiceProvider(server);
            SamlLogins.Login login = logins.withPassword(new Registry(server).pick(Registry.ALIVE));
            Sent sent = sp.authnRequest(Requested.exact(LOA_1));
            try (Browser browser = Browser.open("vi")) {
                String posted = logins.postedAfter(browser, sent, () -> {
                    browser.signIn(login.number(), login.password());
                    browser.waitFor(By.id("dinhdanh-consent-items"));
                    assertThat(browser.text()).contains("Cổng cũ dùng SAML").contains("nơi thường trú")
                            .contains("Tra cứu và giải quyết hồ sơ");
                    browser.driver().findElement(By.id("kc-login")).click();
                });
                assertThat(SamlServiceProvider.attributes(sp.valid(sent, posted))).containsKey("birthdate");
            }
        }

        @Test
        @DisplayName("an SP registered without naming its data items is refused: consent_text_required")
        void consentTextRequired(ServerUnderTest server) throws Exception {
            ObjectNode client = JSON.createObjectNode().put("clientId", "https://sp-" + UUID.randomUUID() + ".example.vn")
                    .put("protocol", "saml");
            client.putObject("attributes").put("dinhdanh.purpose", PURPOSE);
            HttpResponse<String> refused = server.admin().exchange("POST", CLIENTS, client);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).path("error_description").asText()).startsWith("consent_text_required");
        }
    }
}
