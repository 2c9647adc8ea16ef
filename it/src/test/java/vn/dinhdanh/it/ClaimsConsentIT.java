package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import vn.dinhdanh.it.support.Passwords;
import vn.dinhdanh.it.support.Browser;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.LoopbackReceiver;
import vn.dinhdanh.it.support.LoopbackReceiver.Arrival;
import vn.dinhdanh.it.support.OidcRp;
import vn.dinhdanh.it.support.Pairwise;
import vn.dinhdanh.it.support.PublicPortal;
import vn.dinhdanh.it.support.Registry;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.sandbox.LocalHttp;

/**
 * Claims and consent, seen by a relying party built on nimbus oauth2-oidc-sdk: the citizen scopes carry
 * the registry's values, the ID number only to a relying party allowed to ask for it, a pairwise {@code sub} per
 * sector, and the consent page of Decree 13/2023 (items, purpose; agreed, refused, remembered, withdrawn).
 */
@ExtendWith(DinhdanhServerExtension.class)
class ClaimsConsentIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALL_CITIZEN_SCOPES = "openid citizen_basic citizen_id citizen_address";

    private ServerUnderTest server;
    private Registry registry;

    @BeforeEach
    void setUp(ServerUnderTest server) {
        this.server = server;
        this.registry = new Registry(server);
    }

    private String citizenWithPassword() {
        String number = registry.pick(Registry.ALIVE + " AND k.status = 'active'");
        String password = Passwords.give(server, number);
        return number + ":" + password;
    }

    /** Goes to the relying party's authorization URL in {@code browser}, signing in when the login page shows. */
    private static void go(Browser browser, URI url, String citizen) {
        browser.open(url);
        browser.waitFor(By.cssSelector("#password, #try-another-way, #dinhdanh-consent-items, #received"));
        if (!browser.driver().findElements(By.cssSelector("#password, #try-another-way")).isEmpty()) {
            browser.signIn(citizen.split(":")[0], citizen.split(":")[1]);
            browser.waitFor(By.cssSelector("#dinhdanh-consent-items, #received, .pf-v5-c-alert, .alert-error"));
        }
    }

    private static String registryText(Registry registry, String column, String number) {
        return registry.text("SELECT " + column + " FROM citizen WHERE id_number = ?", number);
    }

    @Test
    @DisplayName("consent page names each item and the purpose in Vietnamese; claims equal the registry in ID token and userinfo; remembered; pairwise sub stable")
    void consentClaimsAndPairwise() throws Exception {
        String citizen = citizenWithPassword();
        String number = citizen.split(":")[0];
        OidcRp portal = OidcRp.publicPortal(server);

        String firstSub;
        try (Browser browser = Browser.open("vi")) {
            OidcRp.Attempt attempt = portal.start(ALL_CITIZEN_SCOPES);
            Arrival arrival;
            try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort())) {
                go(browser, attempt.authorizationUrl(), citizen);
                assertThat(browser.onConsentPage()).as("consent asked on the first login").isTrue();
                String page = browser.text();
                assertThat(page).contains("Cổng dịch vụ công")
                        .contains("Họ, chữ đệm và tên; ngày, tháng, năm sinh; giới tính")
                        .contains("Số định danh cá nhân")
                        .contains("Nơi thường trú; quê quán")
                        .contains("Mục đích xử lý dữ liệu")
                        .contains("Xác định người nộp hồ sơ và điền sẵn thông tin")
                        .contains("Đồng ý").contains("Không đồng ý")
                        .doesNotContain("Toàn bộ thông tin định danh"); // ekyc: not asked, not offered to this portal
                browser.grantConsent();
                arrival = callback.await(Duration.ofSeconds(30));
            }
            assertThat(arrival.parameters()).containsEntry("state", attempt.state().getValue()).doesNotContainKey("error");
            OidcRp.Login login = portal.finish(attempt, arrival.parameters().get("code"));
            IDTokenClaimsSet id = login.idToken();

            // Values: the registry's record, under the shared names.
            String fullName = registryText(registry, "full_name", number);
            assertThat(id.getStringClaim("name")).isEqualTo(fullName);
            assertThat(id.getStringClaim("family_name") + " " + id.getStringClaim("given_name")).isEqualTo(fullName);
            assertThat(id.getStringClaim("family_name")).isEqualTo(fullName.substring(0, fullName.indexOf(' ')));
            assertThat(id.getStringClaim("birthdate")).isEqualTo(registryText(registry, "birth_date::text", number));
            assertThat(id.getStringClaim("gender")).isEqualTo(registryText(registry, "CASE sex WHEN 'M' THEN 'male' ELSE 'female' END", number));
            assertThat(id.getStringClaim("id_number")).isEqualTo(number);
            assertThat(id.getStringClaim("place_of_origin")).isEqualTo(registryText(registry, "place_of_origin", number));
            net.minidev.json.JSONObject address = new net.minidev.json.JSONObject(id.getJSONObjectClaim("address"));
            assertThat(address).containsEntry("formatted", registryText(registry, "place_of_residence", number))
                    .containsEntry("country", "VN");
            assertThat(id.getClaim("nationality")).as("ekyc only").isNull();
            assertThat(id.getClaim("preferred_username")).as("no profile scope: the username is the ID number").isNull();
            assertThat(id.getClaim("email")).isNull();

            // sub: pairwise for public-portal's sector, never the number, the same in every answer.
            firstSub = id.getSubject().getValue();
            assertThat(firstSub).isEqualTo(Pairwise.atPublicPortal(server, number)).doesNotContain(number);
            assertThat(SignedJWT.parse(login.accessToken().getValue()).getJWTClaimsSet().getSubject()).isEqualTo(firstSub);
            UserInfo userInfo = portal.userInfo(login.accessToken());
            assertThat(userInfo.getSubject().getValue()).isEqualTo(firstSub);
            assertThat(userInfo.getName()).isEqualTo(fullName);
            assertThat(userInfo.getStringClaim("id_number")).isEqualTo(number);
            assertThat(userInfo.getAddress().getFormatted()).isEqualTo(registryText(registry, "place_of_residence", number));
            assertThat(userInfo.toJSONObject().toString()).doesNotContain("population-registry");
            assertThat(portal.introspect(login.accessToken()).getAsString("sub")).isEqualTo(firstSub);
            assertThat(login.rawIdToken() + login.accessToken().getValue()).doesNotContain("population-registry");

            // Second login of the same citizen, new browser: consent remembered, same sub.
        }
        try (Browser browser = Browser.open("vi")) {
            OidcRp.Attempt attempt = portal.start(ALL_CITIZEN_SCOPES);
            Arrival arrival;
            try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort())) {
                go(browser, attempt.authorizationUrl(), citizen);
                assertThat(browser.onConsentPage()).as("consent remembered").isFalse();
                arrival = callback.await(Duration.ofSeconds(30));
            }
            assertThat(portal.finish(attempt, arrival.parameters().get("code")).idToken().getSubject().getValue()).isEqualTo(firstSub);
        }
        assertThat(server.log()).as("no ID number in the server log, whatever was released").doesNotContain(number);
    }

    @Test
    @DisplayName("another sector's RP gets another sub, no ID number even when it asks citizen_id; consent withdrawn through the account REST API is asked again")
    void otherSectorAndRevocation() throws Exception {
        String citizen = citizenWithPassword();
        String number = citizen.split(":")[0];
        OidcRp library = OidcRp.libraryPortal(server);
        OidcRp portal = OidcRp.publicPortal(server);
        try (Browser browser = Browser.open("vi")) {
            // library-portal may not ask citizen_id (nor ekyc): the request is sent back with invalid_scope, nothing shown.
            for (String forbidden : new String[] {"citizen_id", "ekyc"}) {
                OidcRp.Attempt refused = library.start("openid citizen_basic " + forbidden);
                try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().libraryPortalPort())) {
                    browser.open(refused.authorizationUrl());
                    assertThat(callback.await(Duration.ofSeconds(30)).parameters()).as(forbidden)
                            .containsEntry("error", "invalid_scope").containsEntry("state", refused.state().getValue())
                            .doesNotContainKey("code");
                }
            }
            OidcRp.Attempt attempt = library.start("openid citizen_basic");
            Arrival arrival;
            try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().libraryPortalPort())) {
                go(browser, attempt.authorizationUrl(), citizen);
                assertThat(browser.onConsentPage()).isTrue();
                assertThat(browser.text()).contains("Thư viện số").contains("Cấp và quản lý thẻ bạn đọc")
                        .contains("Họ, chữ đệm và tên").doesNotContain("Số định danh cá nhân").doesNotContain("Nơi thường trú");
                browser.grantConsent();
                arrival = callback.await(Duration.ofSeconds(30));
            }
            OidcRp.Login login = library.finish(attempt, arrival.parameters().get("code"));
            assertThat(login.idToken().getClaim("id_number")).isNull();
            assertThat(library.userInfo(login.accessToken()).getClaim("id_number")).isNull();
            assertThat(login.idToken().getStringClaim("name")).isEqualTo(registryText(registry, "full_name", number));
            String librarySub = login.idToken().getSubject().getValue();
            assertThat(librarySub).isEqualTo(Pairwise.subject("127.0.0.1", Pairwise.citizenUserId(number), server.relyingParties().pairwiseSalt()))
                    .isNotEqualTo(Pairwise.atPublicPortal(server, number)).doesNotContain(number);
            assertThat(SignedJWT.parse(login.accessToken().getValue()).getJWTClaimsSet().getStringClaim("scope"))
                    .contains("citizen_basic").doesNotContain("citizen_id").doesNotContain("citizen_address");

            // public-portal in the same browser (single sign-on): its own consent, its own sub.
            OidcRp.Attempt portalAttempt = portal.start("openid citizen_basic");
            try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort())) {
                go(browser, portalAttempt.authorizationUrl(), citizen);
                browser.grantConsent();
                arrival = callback.await(Duration.ofSeconds(30));
            }
            assertThat(portal.finish(portalAttempt, arrival.parameters().get("code")).idToken().getSubject().getValue())
                    .isEqualTo(Pairwise.atPublicPortal(server, number)).isNotEqualTo(librarySub);

            // The citizen sees both consents (the account console's API) ...
            String account = accountToken(citizen);
            JsonNode libraryApp = find(accountApi("GET", "/applications", account), "library-portal");
            assertThat(libraryApp.path("consent").path("grantedScopes").toString()).contains("citizen_basic").doesNotContain("citizen_id");
            assertThat(hasConsent(accountApi("GET", "/applications", account), PublicPortal.CLIENT_ID)).isTrue();

            // ... withdraws library-portal's in the account console (Ứng dụng → Xóa quyền truy cập → Xác nhận), in Vietnamese ...
            browser.open(URI.create(server.realmUrl() + "/account/applications"));
            browser.waitFor(By.id("toggle-library-portal"));
            browser.driver().findElement(By.id("toggle-library-portal")).click();
            browser.waitFor(By.id("content-library-portal"));
            org.openqa.selenium.WebElement details = browser.driver().findElement(By.id("content-library-portal"));
            assertThat(details.getText()).as("the items, named by the account theme").contains("Họ, chữ đệm và tên");
            details.findElement(By.xpath(".//button[contains(., 'Xóa quyền truy cập')]")).click();
            browser.waitFor(By.id("modal-confirm"));
            browser.driver().findElement(By.id("modal-confirm")).click();
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(d ->
                    !hasConsent(accountApiQuietly("/applications", account), "library-portal"));

            // ... and public-portal's through the same API (DELETE /account/applications/{clientId}/consent).
            assertThat(accountApi("DELETE", "/applications/public-portal/consent", account)).isNull();
            assertThat(hasConsent(accountApi("GET", "/applications", account), PublicPortal.CLIENT_ID)).isFalse();

            // Next logins: consent asked again at both.
            OidcRp.Attempt again = library.start("openid citizen_basic");
            try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().libraryPortalPort())) {
                go(browser, again.authorizationUrl(), citizen);
                assertThat(browser.onConsentPage()).as("asked again after withdrawal").isTrue();
                browser.grantConsent();
                callback.await(Duration.ofSeconds(30));
            }
            OidcRp.Attempt portalAgain = portal.start("openid citizen_basic");
            try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort())) {
                go(browser, portalAgain.authorizationUrl(), citizen);
                assertThat(browser.onConsentPage()).as("asked again after withdrawal through the API").isTrue();
                browser.grantConsent();
                callback.await(Duration.ofSeconds(30));
            }
        }
    }

    @Test
    @DisplayName("a citizen who refuses consent (page in English here) sends the RP back with access_denied and no code")
    void refusal() {
        String citizen = citizenWithPassword();
        OidcRp library = OidcRp.libraryPortal(server);
        try (Browser browser = Browser.open("en");
             LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().libraryPortalPort())) {
            OidcRp.Attempt attempt = library.start("openid citizen_basic citizen_address");
            go(browser, attempt.authorizationUrl(), citizen);
            assertThat(browser.text()).contains("Full name; date of birth; sex").contains("Place of residence; place of origin")
                    .contains("Purpose of processing").contains("To issue and manage your Digital library reader card")
                    .contains("I do not agree");
            browser.driver().findElement(By.id("kc-cancel")).click();
            Arrival arrival = callback.await(Duration.ofSeconds(30));
            assertThat(arrival.parameters()).containsEntry("error", "access_denied")
                    .containsEntry("state", attempt.state().getValue()).doesNotContainKey("code");
        }
    }

    @Test
    @DisplayName("a login asking no citizen scope shows no consent page and releases nothing personal")
    void nothingAskedNothingShown() throws Exception {
        String citizen = citizenWithPassword();
        String number = citizen.split(":")[0];
        OidcRp portal = OidcRp.publicPortal(server);
        try (Browser browser = Browser.open("vi");
             LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort())) {
            OidcRp.Attempt attempt = portal.start("openid");
            go(browser, attempt.authorizationUrl(), citizen);
            assertThat(browser.onConsentPage()).isFalse();
            OidcRp.Login login = portal.finish(attempt, callback.await(Duration.ofSeconds(30)).parameters().get("code"));
            assertThat(login.idToken().toJWTClaimsSet().getClaims().keySet())
                    .doesNotContain("name", "family_name", "given_name", "birthdate", "gender", "id_number", "address",
                            "preferred_username", "email");
            assertThat(login.rawIdToken() + login.accessToken().getValue()).doesNotContain("population-registry");
            assertThat(login.idToken().getSubject().getValue()).isEqualTo(Pairwise.atPublicPortal(server, number));
        }
    }

    @Test
    @DisplayName("a relying party an operator creates gets the pairwise subject by default and no personal data scope unless asked")
    void newRelyingPartyDefaults() {
        String clientId = "new-rp-" + java.util.UUID.randomUUID();
        ObjectNode client = JSON.createObjectNode().put("clientId", clientId).put("protocol", "openid-connect")
                .put("publicClient", false).put("standardFlowEnabled", true);
        client.putArray("redirectUris").add("https://rp.example.vn/callback");
        client.putObject("attributes").put("dinhdanh.purpose", "Cấp thẻ hội viên");
        server.admin().post("/admin/realms/dinhdanh/clients", client, Duration.ofSeconds(30));
        String id = server.admin().get("/admin/realms/dinhdanh/clients?clientId=" + clientId).get(0).path("id").asText();
        java.util.List<String> defaults = names(server.admin().get("/admin/realms/dinhdanh/clients/" + id + "/default-client-scopes"));
        java.util.List<String> optional = names(server.admin().get("/admin/realms/dinhdanh/clients/" + id + "/optional-client-scopes"));
        assertThat(defaults).contains("pairwise_subject", "basic", "acr")
                .doesNotContain("profile", "email", "roles", "citizen_basic", "citizen_id", "citizen_address", "ekyc");
        assertThat(optional).containsExactlyInAnyOrder("citizen_basic", "citizen_address");
    }

    private static java.util.List<String> names(JsonNode scopes) {
        java.util.List<String> names = new java.util.ArrayList<>();
        scopes.forEach(scope -> names.add(scope.path("name").asText()));
        return names;
    }

    /** A token for the citizen's own account API: Keycloak's admin-cli of the realm (direct grant), as a console would hold. */
    private String accountToken(String citizen) throws Exception {
        HttpResponse<String> response = LocalHttp.client().send(HttpRequest.newBuilder(
                        URI.create(server.realmUrl() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(PublicPortal.form(Map.of("grant_type", "password", "client_id", "admin-cli",
                        "username", citizen.split(":")[0], "password", citizen.split(":")[1])))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private JsonNode accountApi(String method, String path, String token) throws Exception {
        HttpResponse<String> response = LocalHttp.client().send(HttpRequest.newBuilder(URI.create(server.realmUrl() + "/account" + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 204);
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    private JsonNode accountApiQuietly(String path, String token) {
        try {
            return accountApi("GET", path, token);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the account API lists a consent for {@code clientId} (a withdrawn one, and its sessions, are gone). */
    private static boolean hasConsent(JsonNode applications, String clientId) {
        for (JsonNode application : applications) {
            if (clientId.equals(application.path("clientId").asText())) {
                return !application.path("consent").isMissingNode();
            }
        }
        return false;
    }

    private static JsonNode find(JsonNode applications, String clientId) {
        for (JsonNode application : applications) {
            if (clientId.equals(application.path("clientId").asText())) {
                return application;
            }
        }
        throw new AssertionError(clientId + " not in " + applications);
    }
}
