package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import vn.dinhdanh.it.support.Passwords;
import vn.dinhdanh.it.support.Browser;
import vn.dinhdanh.it.support.ChipReader;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.LoopbackReceiver;
import vn.dinhdanh.it.support.PublicPortal;
import vn.dinhdanh.it.support.Registry;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.sandbox.Ports;
import vn.dinhdanh.sandbox.app.AppClient;
import vn.dinhdanh.sandbox.app.SandboxPhone;
import vn.dinhdanh.virtualchip.ActiveAuthKey;
import vn.dinhdanh.virtualchip.Variant;

/**
 * Enrolling a device from a login in the app (client {@code vneid-app}) instead of a code from the police
 * desk: a CCCD chip login binds the device at level 2 ({@code chip}), a password login at level 1
 * ({@code session}); the binding is what later app logins record. Other clients' tokens, stale logins and
 * bad tokens are refused with their codes.
 */
@ExtendWith(DinhdanhServerExtension.class)
class AppEnrolmentFromLoginIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ServerUnderTest server;
    private Registry registry;
    private AppClient app;
    private int callbackPort;

    @BeforeEach
    void setUp(ServerUnderTest server) {
        this.server = server;
        this.registry = new Registry(server);
        this.app = new AppClient(server.realmUrl());
        // The app's own redirect is its URI scheme; the test plays the app on a loopback port (RFC 8252).
        this.callbackPort = Ports.free();
        ObjectNode client = (ObjectNode) server.admin().get("/admin/realms/dinhdanh/clients?clientId=vneid-app").get(0);
        ((ArrayNode) client.withArray("redirectUris")).add("http://localhost:" + callbackPort + "/app-callback");
        assertThat(server.admin().put("/admin/realms/dinhdanh/clients/" + client.path("id").asText(), client)).isEqualTo(204);
    }


    /** The app's login (code flow, PKCE) in a new browser, {@code login} doing the page's part: the app's access token. */
    private String appLogin(Consumer<Browser> login) {
        try (Browser browser = Browser.open("vi")) {
            return appLogin(browser, login, false);
        }
    }

    /** The same in {@code browser} (its session cookie kept); {@code again}: {@code prompt=login}, a re-authentication. */
    private String appLogin(Browser browser, Consumer<Browser> login, boolean again) {
        PublicPortal.Request request = PublicPortal.Request.fresh();
        String redirect = "http://localhost:" + callbackPort + "/app-callback";
        Map<String, String> authorization = new LinkedHashMap<>();
        authorization.put("response_type", "code");
        authorization.put("client_id", "vneid-app");
        authorization.put("redirect_uri", redirect);
        authorization.put("scope", "openid");
        authorization.put("state", request.state());
        authorization.put("code_challenge", request.codeChallenge());
        authorization.put("code_challenge_method", "S256");
        if (again) {
            authorization.put("prompt", "login");
        }
        String code;
        try (LoopbackReceiver callback = new LoopbackReceiver(callbackPort)) {
            browser.open(URI.create(server.realmUrl() + "/protocol/openid-connect/auth?" + PublicPortal.form(authorization)));
            login.accept(browser);
            browser.waitFor(By.id("received"));
            code = callback.await(Duration.ofSeconds(5)).parameters().get("code");
        }
        Map<String, String> exchange = new LinkedHashMap<>();
        exchange.put("grant_type", "authorization_code");
        exchange.put("client_id", "vneid-app");
        exchange.put("code", code);
        exchange.put("redirect_uri", redirect);
        exchange.put("code_verifier", request.codeVerifier());
        JsonNode tokens = send(HttpRequest.newBuilder(URI.create(server.realmUrl() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(PublicPortal.form(exchange))));
        assertThat(tokens.has("access_token")).as(tokens.toString()).isTrue();
        return tokens.path("access_token").asText();
    }

    /** A chip login: "try another way", the chip, and the sandbox's reader reads the citizen's card. */
    private static Consumer<Browser> withChip(ChipReader reader, String number) {
        return browser -> {
            browser.chooseMethod("Thẻ căn cước gắn chip");
            browser.waitFor(By.cssSelector("#dinhdanh-chip-qr svg"));
            ChipReader.Challenge challenge = ChipReader.Challenge.ofAppLink(
                    browser.driver().findElement(By.id("dinhdanh-chip")).getAttribute("data-chip-link"));
            var answer = reader.verify(reader.request(reader.chip(reader.holder(number), Variant.GENUINE, ActiveAuthKey.EC_P256_PLAIN), challenge));
            assertThat(answer.body().path("verdict").asText()).isEqualTo("valid");
        };
    }

    /** POST /app/enrolments with a bearer token and no body: the enrolment's answer. */
    private AppClient.Answer startWithToken(String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.realmUrl() + "/app/enrolments"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody());
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new AppClient.Answer(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The second step, as with a code: the phone's attestation over the enrolment's challenge. */
    private JsonNode enrol(SandboxPhone phone, JsonNode enrolment) {
        byte[] challenge = Base64.getUrlDecoder().decode(enrolment.path("challenge").asText());
        return app.enrolDevice(enrolment.path("enrolmentId").asText(),
                phone.attestation(challenge, enrolment.path("rpId").asText(), app.origin(), "phone")).expect(201, "the device");
    }

    @Test
    @DisplayName("after a chip login the app enrols its key at level 2 (binding chip); an app login with it records that binding")
    void chipLoginBindsAtLevelTwo() throws Exception {
        String number = registry.pick(ChipVerificationIT.HOLDER);
        String token = appLogin(withChip(new ChipReader(server), number));
        JsonNode enrolment = startWithToken(token).expect(201, "the enrolment");
        assertThat(enrolment.path("binding").asText()).isEqualTo("chip");
        SandboxPhone phone = SandboxPhone.create();
        assertThat(enrol(phone, enrolment).path("binding").asText()).isEqualTo("chip");

        // A push login approved with that device: the login records how the device was bound.
        try (Browser browser = Browser.open("vi")) {
            browser.open(new PublicPortal(server).authorizationUrl(PublicPortal.Request.fresh()));
            browser.waitFor(By.id("idNumber"));
            browser.driver().findElement(By.id("idNumber")).sendKeys(number);
            browser.driver().findElement(By.id("dinhdanh-app-send")).click();
            browser.waitFor(By.id("dinhdanh-app-number"));
            int shown = Integer.parseInt(browser.driver().findElement(By.id("dinhdanh-app-number")).getText().strip());
            JsonNode challenge = app.pending(phone, number).expect(200, "pending").path("challenges").get(0);
            assertThat(app.decide(phone, challenge, true, shown).body().path("decision").asText())
                    .isEqualTo("approved");
            try (LoopbackReceiver ignored = new LoopbackReceiver(server.relyingParties().publicPortalPort())) {
                browser.waitFor(By.id("received"));
            }
        }
        assertThat(server.log().lines().filter(l -> l.contains("[vn.dinhdanh.audit]") && l.contains("type=LOGIN ")
                && l.contains("login_method=app") && l.contains("device_binding=chip"))).isNotEmpty();
    }

    @Test
    @DisplayName("after a password login the device is bound at level 1 (session); in-person codes stay in_person")
    void passwordLoginBindsAtLevelOne() {
        String number = registry.pick(Registry.ALIVE);
        String password = Passwords.give(server, number);
        String token = appLogin(browser -> browser.signIn(number, password));
        JsonNode enrolment = startWithToken(token).expect(201, "the enrolment");
        assertThat(enrolment.path("binding").asText()).isEqualTo("session");
        assertThat(enrol(SandboxPhone.create(), enrolment).path("binding").asText()).isEqualTo("session");

        JsonNode byCode = app.redeem(number, app.enrolmentCode(server.admin(), number)).expect(201, "the code");
        assertThat(byCode.path("binding").asText()).isEqualTo("in_person");
    }

    @Test
    @DisplayName("a chip login, then a password re-authentication in the same session: the device is bound by the password (session)")
    void reauthenticationCountsNotTheEarlierChip() {
        String number = registry.pick(ChipVerificationIT.HOLDER);
        String password = Passwords.give(server, number);
        try (Browser browser = Browser.open("vi")) {
            appLogin(browser, withChip(new ChipReader(server), number), false);
            String token = appLogin(browser, b -> b.signIn(number, password), true);
            assertThat(startWithToken(token).expect(201, "the enrolment").path("binding").asText()).isEqualTo("session");
        }
    }

    @Test
    @DisplayName("another client's token, a bad token: refused with token_not_app and invalid_token")
    void refusals() {
        String number = registry.pick(Registry.ALIVE);
        String password = Passwords.give(server, number);
        PublicPortal portal = new PublicPortal(server);
        PublicPortal.Request request = PublicPortal.Request.fresh();
        String code;
        try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
             Browser browser = Browser.open("vi")) {
            browser.open(portal.authorizationUrl(request));
            browser.signIn(number, password);
            browser.waitFor(By.id("received"));
            code = callback.await(Duration.ofSeconds(5)).parameters().get("code");
        }
        String portalToken = PublicPortal.json(portal.exchange(code, request.codeVerifier())).path("access_token").asText();
        AppClient.Answer notApp = startWithToken(portalToken);
        assertThat(notApp.status()).isEqualTo(403);
        assertThat(notApp.body().path("error").asText()).isEqualTo("token_not_app");

        AppClient.Answer bad = startWithToken("not-a-token");
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.body().path("error").asText()).isEqualTo("invalid_token");
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            return JSON.readTree(http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
