package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import vn.dinhdanh.it.support.Passwords;
import vn.dinhdanh.it.support.Browser;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.LoopbackReceiver;
import vn.dinhdanh.it.support.PublicPortal;
import vn.dinhdanh.it.support.Registry;
import vn.dinhdanh.it.support.ServerUnderTest;

/** Citizens log in with their 12-digit number, read live from the population registry (nothing imported). */
@ExtendWith(DinhdanhServerExtension.class)
class CitizenLoginIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMPONENT = "population-registry";

    private ServerUnderTest server;
    private Registry registry;
    private PublicPortal portal;

    @BeforeEach
    void setUp(ServerUnderTest server) {
        this.server = server;
        this.registry = new Registry(server);
        this.portal = new PublicPortal(server);
    }


    /** Signs in through public-portal; returns the page text when the login is refused, or null when it reached the portal. */
    private String signIn(String username, String password, PublicPortal.Request request, String[] codeOut) {
        try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
             Browser browser = Browser.open("vi")) {
            browser.open(portal.authorizationUrl(request, "openid citizen_basic"));
            browser.signIn(username, password);
            browser.waitFor(By.cssSelector("#input-error-username, #received, .pf-v5-c-alert, .alert-error, #dinhdanh-consent-items"));
            if (browser.onConsentPage()) {
                browser.grantConsent();
                browser.waitFor(By.id("received"));
            }
            if (!browser.driver().findElements(By.id("received")).isEmpty()) {
                codeOut[0] = callback.await(Duration.ofSeconds(5)).parameters().get("code");
                return null;
            }
            return browser.text();
        }
    }

    @Test
    @DisplayName("the realm's password policy holds for citizens' passwords too: under 12 characters, or the ID number itself, refused")
    void passwordPolicy() {
        String number = registry.pick(Registry.ALIVE);
        String path = "/admin/realms/dinhdanh/users/f:" + COMPONENT + ":" + number + "/reset-password";
        for (String weak : new String[] {"short-pass", number}) {
            ObjectNode credential = JSON.createObjectNode().put("type", "password").put("value", weak).put("temporary", false);
            assertThat(server.admin().put(path, credential)).as("password %s", weak.length()).isEqualTo(400);
        }
        Passwords.give(server, number); // 43 random characters: accepted
        // Keycloak's admin API warns of a refused password with the user's name, here the ID number.
        assertThat(server.log()).as("no ID number in the server log (docker/keycloak.conf)").doesNotContain(number);
    }

    @Test
    @DisplayName("an alive citizen signs in with the ID number; the token carries the registry's names")
    void aliveCitizenSignsIn() throws Exception {
        String number = registry.pick("c.life_status = 'alive' AND NOT c.blocked AND k.status = 'active' AND c.eid_level = 2");
        String password = Passwords.give(server, number);
        PublicPortal.Request request = PublicPortal.Request.fresh();
        String[] code = new String[1];
        assertThat(signIn(number, password, request, code)).isNull();

        JWTClaimsSet claims = portal.verifyIdToken(PublicPortal.json(portal.exchange(code[0], request.codeVerifier())).path("id_token").asText(),
                request.nonce());
        String fullName = registry.text("SELECT full_name FROM citizen WHERE id_number = ?", number);
        assertThat(claims.getSubject()).isEqualTo(vn.dinhdanh.it.support.Pairwise.atPublicPortal(server, number));
        assertThat(claims.getStringClaim("family_name") + " " + claims.getStringClaim("given_name")).isEqualTo(fullName);
        assertThat(server.log().lines().filter(l -> l.contains("[vn.dinhdanh.audit]")))
                .as("the audit log names citizens by pseudonym only").isNotEmpty().noneMatch(l -> l.contains(number));
    }

    @Nested
    @DisplayName("the registry refuses, with a specific translated message and reason code")
    class Refusals {

        private void assertRefused(String condition, String reason, String message) {
            String number = registry.pick(condition);
            String password = Passwords.give(server, number);
            String page = signIn(number, password, PublicPortal.Request.fresh(), new String[1]);
            assertThat(page).as("login of a citizen where " + condition).isNotNull().contains(message);
            assertThat(server.log().lines().filter(l -> l.contains("[vn.dinhdanh.audit]") && l.contains("reason=" + reason)))
                    .as("audit line with reason=" + reason).isNotEmpty();
        }

        @Test
        @DisplayName("deceased: the same neutral words as a blocked account, so that a password holder learns of no death")
        void deceased() {
            assertRefused("c.life_status = 'deceased'", "citizen_deceased", "hiện không thể dùng để đăng nhập");
        }

        @Test
        @DisplayName("blocked")
        void blocked() {
            assertRefused("c.blocked AND c.life_status = 'alive'", "citizen_blocked", "hiện không thể dùng để đăng nhập");
        }

        @Test
        @DisplayName("card revoked")
        void revoked() {
            assertRefused("k.status = 'revoked' AND c.life_status = 'alive' AND NOT c.blocked", "card_revoked", "đã bị thu hồi");
        }

        @Test
        @DisplayName("card lost")
        void lost() {
            assertRefused("k.status = 'lost' AND c.life_status = 'alive' AND NOT c.blocked", "card_lost", "đã được báo mất");
        }

        @Test
        @DisplayName("a record whose number disagrees with its sex or birth year")
        void inconsistent() {
            String number = registry.pick("c.life_status = 'alive' AND NOT c.blocked AND k.status = 'active'");
            registry.update(number, "UPDATE citizen SET sex = CASE sex WHEN 'M' THEN 'F' ELSE 'M' END WHERE id_number = ?");
            String password = Passwords.give(server, number);
            String page = signIn(number, password, PublicPortal.Request.fresh(), new String[1]);
            assertThat(page).isNotNull().contains("không khớp giới tính hoặc năm sinh");
            assertThat(server.log()).contains("reason=record_inconsistent");
        }

        @Test
        @DisplayName("a change in the registry applies to the very next login")
        void changeAppliesAtOnce() {
            String number = registry.pick("c.life_status = 'alive' AND NOT c.blocked AND k.status = 'active'");
            String password = Passwords.give(server, number);
            assertThat(signIn(number, password, PublicPortal.Request.fresh(), new String[1])).isNull();
            registry.update(number, "UPDATE citizen SET blocked = true WHERE id_number = ?");
            assertThat(signIn(number, password, PublicPortal.Request.fresh(), new String[1])).contains("hiện không thể dùng để đăng nhập");
        }

        @Test
        @DisplayName("a registry change the login rule refuses (here: a block) ends the citizen's active sessions within seconds")
        void changeEndsSessions() throws Exception {
            String number = registry.pick("c.life_status = 'alive' AND NOT c.blocked AND k.status = 'active' AND c.eid_level = 2");
            String password = Passwords.give(server, number);
            PublicPortal.Request request = PublicPortal.Request.fresh();
            String[] code = new String[1];
            String sessions = "/admin/realms/dinhdanh/users/f:" + COMPONENT + ":" + number + "/sessions";
            assertThat(signIn(number, password, request, code)).isNull();
            String refreshToken = PublicPortal.json(portal.exchange(code[0], request.codeVerifier())).path("refresh_token").asText();
            JsonNode refreshed = PublicPortal.json(portal.refresh(refreshToken));
            assertThat(refreshed.has("access_token")).as("session alive before the change").isTrue();
            refreshToken = refreshed.path("refresh_token").asText(refreshToken);

            assertThat(server.admin().get(sessions).size()).isEqualTo(1);

            // A blocked citizen's refresh fails at once (the login rule runs at refresh); the session itself is ended
            // by the change feed (RegistryEventsIT: who is told, and what does not end a session).
            registry.update(number, "UPDATE citizen SET blocked = true WHERE id_number = ?");
            long changed = System.nanoTime();
            while (server.admin().get(sessions).size() > 0 && System.nanoTime() - changed < java.util.concurrent.TimeUnit.SECONDS.toNanos(15)) {
                Thread.sleep(200);
            }
            assertThat(server.admin().get(sessions).size()).as("sessions 15 s after the registry change (how fast: docs/benchmarks.md)").isZero();
            java.net.http.HttpResponse<String> response = portal.refresh(refreshToken);
            assertThat(response.statusCode()).as("refresh after the registry change").isEqualTo(400);
            assertThat(PublicPortal.json(response).path("error").asText()).isEqualTo("invalid_grant");
            // Keycloak warns with the user's name, here the ID number, of a client it could not log out.
            assertThat(server.log()).as("no ID number in the server log (docker/keycloak.conf)").doesNotContain(number);
            System.out.printf("session ended %d ms after the registry change%n", (System.nanoTime() - changed) / 1_000_000);
        }

        @Test
        @DisplayName("a registry that cannot answer refuses the login")
        void registryUnavailable() {
            String number = registry.pick("c.life_status = 'alive' AND NOT c.blocked AND k.status = 'active'");
            String password = Passwords.give(server, number);
            registry.update(number, "REVOKE SELECT ON citizen FROM dinhdanh_reader");
            try {
                String page = signIn(number, password, PublicPortal.Request.fresh(), new String[1]);
                assertThat(page).isNotNull().contains("tạm thời không kiểm tra được dữ liệu dân cư");
                assertThat(server.log()).contains("reason=registry_unavailable");
            } finally {
                registry.update(number, "GRANT SELECT ON citizen TO dinhdanh_reader");
            }
        }
    }

    @Test
    @DisplayName("malformed and hostile usernames are plain wrong credentials, never an error")
    void hostileUsernames() {
        for (String username : List.of("' OR '1'='1", "0010901234567", "00109012345x", "%", "x".repeat(300))) {
            String page = signIn(username, "whatever", PublicPortal.Request.fresh(), new String[1]);
            assertThat(page).as(username).contains("Số định danh cá nhân hoặc mật khẩu không đúng");
        }
    }

    @Nested
    @DisplayName("admin console")
    class Admin {

        @Test
        @DisplayName("looks a citizen up by number, with the registry fields as read-only attributes")
        void lookup() {
            String number = registry.pick("c.life_status = 'alive' AND k.status = 'active' AND k.expiry_date IS NOT NULL");
            JsonNode users = server.admin().get("/admin/realms/dinhdanh/users?exact=true&username=" + number);
            assertThat(users).hasSize(1);
            JsonNode user = users.get(0);
            assertThat(user.path("id").asText()).isEqualTo("f:" + COMPONENT + ":" + number);
            assertThat(user.path("federationLink").asText()).isEqualTo(COMPONENT);
            JsonNode attributes = user.path("attributes");
            assertThat(attributes.path("id_number").get(0).asText()).isEqualTo(number);
            assertThat(attributes.path("birthdate").get(0).asText())
                    .isEqualTo(registry.text("SELECT birth_date::text FROM citizen WHERE id_number = ?", number));
            assertThat(attributes.path("place_of_residence").get(0).asText())
                    .isEqualTo(registry.text("SELECT place_of_residence FROM citizen WHERE id_number = ?", number));
            assertThat(attributes.path("card_status").get(0).asText()).isEqualTo("active");
            assertThat(attributes.path("card_expiry_date").get(0).asText())
                    .isEqualTo(registry.text("SELECT max(expiry_date)::text FROM card WHERE id_number = ? AND status = 'active'", number));
            assertThat(attributes.has("eid_level")).isTrue();
        }

        @Test
        @DisplayName("searches by name prefix, paged; never lists the whole population")
        void search() {
            String name = registry.text("SELECT full_name FROM citizen WHERE id_number = ?",
                    registry.pick("c.full_name LIKE 'Trần %'"));
            String prefix = name.substring(0, name.lastIndexOf(' '));
            JsonNode found = server.admin().get("/admin/realms/dinhdanh/users?max=5&search=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8));
            assertThat(found.size()).isBetween(1, 5);
            found.forEach(u -> assertThat((u.path("lastName").asText() + " " + u.path("firstName").asText())).startsWith(prefix));
            assertThat(server.admin().get("/admin/realms/dinhdanh/users?search=%25").size()).isZero();
            assertThat(server.admin().get("/admin/realms/dinhdanh/users?search=" + URLEncoder.encode("' OR 1=1 --", StandardCharsets.UTF_8)).size()).isZero();
        }
    }
}
