package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.dinhdanh.it.support.Browser;
import vn.dinhdanh.it.support.Citizen;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.LoopbackReceiver;
import vn.dinhdanh.it.support.PublicPortal;
import vn.dinhdanh.it.support.Registry;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.sandbox.LocalHttp;
import vn.dinhdanh.sandbox.app.AppClient;
import vn.dinhdanh.sandbox.app.SandboxPhone;

/**
 * "Log in with VNeID" in a real browser, the sandbox's phone playing the app: number matching, approval by
 * the device key, the page continuing by itself; deny, wrong number, expiry, replay, a cloned key, another
 * citizen's device, a removed device, the per-minute push limit.
 */
@ExtendWith(DinhdanhServerExtension.class)
class AppPushLoginIT {


    private ServerUnderTest server;
    private Registry registry;
    private AppClient app;
    private PublicPortal portal;

    @BeforeEach
    void setUp(ServerUnderTest server) {
        this.server = server;
        this.registry = new Registry(server);
        this.app = new AppClient(server.realmUrl());
        this.portal = new PublicPortal(server);
    }

    private Citizen enrolled() {
        return Citizen.withPhone(server, registry, app);
    }

    /** Portal → the realm's first page (VNeID: a QR code, or the ID number) → the ID number sent. */
    private static void sendIdNumber(Browser browser, String number) {
        browser.waitFor(By.id("idNumber"));
        browser.driver().findElement(By.id("idNumber")).sendKeys(number);
        browser.driver().findElement(By.id("dinhdanh-app-send")).click();
    }

    /** {@link #sendIdNumber}, then the page with the number to pick: returns that number. */
    private String startLogin(Browser browser, String number) {
        sendIdNumber(browser, number);
        browser.waitFor(By.id("dinhdanh-app-number"));
        return browser.driver().findElement(By.id("dinhdanh-app-number")).getText().strip();
    }

    private JsonNode pending(Citizen citizen) {
        return citizen.onlyPending(app);
    }

    private AppClient.Answer decide(SandboxPhone phone, JsonNode challenge, boolean approve, int number) {
        return app.decide(phone, challenge, approve, number);
    }

    /** Clicks "Thử lại" once offered and waits for the page it posts to: a later wait must not find the old page's elements. */
    private static void retry(Browser browser) {
        browser.clickAndAwaitNewPage(By.id("dinhdanh-app-retry"));
    }

    private static void awaitText(Browser browser, String text) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(40)).until(d -> d.getPageSource().contains(text));
    }

    @Test
    @DisplayName("the citizen picks the browser's number among the app's three and approves: the browser continues by itself")
    void approves() throws Exception {
        Citizen citizen = enrolled();
        PublicPortal.Request request = PublicPortal.Request.fresh();
        try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
             Browser browser = Browser.open("vi")) {
            browser.open(portal.authorizationUrl(request));
            int shown = Integer.parseInt(startLogin(browser, citizen.number()));
            JsonNode challenge = pending(citizen);
            assertThat(challenge.path("choices")).hasSize(3).anySatisfy(n -> assertThat(n.asInt()).isEqualTo(shown));
            assertThat(challenge.path("client").asText()).isNotBlank();

            AppClient.Answer answer = decide(citizen.phone(), challenge, true, shown);
            assertThat(answer.body().path("decision").asText()).isEqualTo("approved");
            browser.waitFor(By.id("received"));
            String code = callback.await(Duration.ofSeconds(5)).parameters().get("code");
            JWTClaimsSet claims = portal.verifyIdToken(
                    PublicPortal.json(portal.exchange(code, request.codeVerifier())).path("id_token").asText(), request.nonce());
            assertThat(claims.getSubject()).isEqualTo(vn.dinhdanh.it.support.Pairwise.atPublicPortal(server, citizen.number()));

            // The same approval again: the challenge is decided, and the counter would not grow anyway.
            AppClient.Answer replay = app.decide(citizen.phone().copy(), challenge, true, shown);
            assertThat(replay.status()).isEqualTo(400);
            assertThat(replay.body().path("error").asText()).isEqualTo("challenge_unknown");
        }
        assertThat(server.log().lines().filter(l -> l.contains("[vn.dinhdanh.audit]") && l.contains("type=LOGIN ")
                && l.contains("login_method=app") && l.contains("factors=app_key_uv"))).isNotEmpty();
        assertThat(server.log()).as("no ID number in the server log (docker/keycloak.conf)").doesNotContain(citizen.number());
    }

    @Test
    @DisplayName("a reload of the waiting page shows the same number, and the approval still continues the browser")
    void survivesReload() throws Exception {
        Citizen citizen = enrolled();
        PublicPortal.Request request = PublicPortal.Request.fresh();
        try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
             Browser browser = Browser.open("vi")) {
            browser.open(portal.authorizationUrl(request));
            String shown = startLogin(browser, citizen.number());
            browser.driver().navigate().refresh();
            browser.waitFor(By.id("dinhdanh-app-number"));
            assertThat(browser.driver().findElement(By.id("dinhdanh-app-number")).getText().strip()).isEqualTo(shown);

            JsonNode challenge = pending(citizen);
            assertThat(decide(citizen.phone(), challenge, true, Integer.parseInt(shown)).body().path("decision").asText())
                    .isEqualTo("approved");
            browser.waitFor(By.id("received"));
            assertThat(callback.await(Duration.ofSeconds(5)).parameters()).containsKey("code");
        }
    }

    @Test
    @DisplayName("deny, then a wrong number: each a translated message and a retry in place, then an approval")
    void denyWrongNumberRetry() throws Exception {
        Citizen citizen = enrolled();
        try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
             Browser browser = Browser.open("vi")) {
            browser.open(portal.authorizationUrl(PublicPortal.Request.fresh()));
            startLogin(browser, citizen.number());
            assertThat(decide(citizen.phone(), pending(citizen), false, 0).body().path("decision").asText()).isEqualTo("denied");
            awaitText(browser, "đã bị từ chối");

            retry(browser);
            browser.waitFor(By.id("dinhdanh-app-number"));
            int shown = Integer.parseInt(browser.driver().findElement(By.id("dinhdanh-app-number")).getText().strip());
            JsonNode second = pending(citizen);
            int wrong = 0;
            for (JsonNode n : second.path("choices")) {
                if (n.asInt() != shown) {
                    wrong = n.asInt();
                }
            }
            assertThat(decide(citizen.phone(), second, true, wrong).body().path("decision").asText()).isEqualTo("wrong_number");
            awaitText(browser, "không khớp với số trên màn hình");

            retry(browser);
            browser.waitFor(By.id("dinhdanh-app-number"));
            String third = browser.driver().findElement(By.id("dinhdanh-app-number")).getText().strip();
            assertThat(decide(citizen.phone(), pending(citizen), true, Integer.parseInt(third)).body().path("decision").asText())
                    .isEqualTo("approved");
            browser.waitFor(By.id("received"));
            assertThat(callback.await(Duration.ofSeconds(5)).parameters()).containsKey("code");
        }
        assertThat(server.log().lines().filter(l -> l.contains("[vn.dinhdanh.audit]") && l.contains("reason=wrong_number"))).isNotEmpty();
        assertThat(server.log().lines().filter(l -> l.contains("[vn.dinhdanh.audit]") && l.contains("reason=denied"))).isNotEmpty();
    }

    @Test
    @DisplayName("a cloned key (its counter behind), another citizen's device, a removed device: each refused with its code")
    void abuse() {
        Citizen citizen = enrolled();
        Citizen other = enrolled();
        SandboxPhone clone = citizen.phone().copy();
        try (Browser browser = Browser.open("vi")) {
            browser.open(portal.authorizationUrl(PublicPortal.Request.fresh()));
            startLogin(browser, citizen.number());
            JsonNode first = pending(citizen);
            assertThat(decide(citizen.phone(), first, false, 0).body().path("decision").asText()).isEqualTo("denied");
            awaitText(browser, "đã bị từ chối");

            retry(browser);
            browser.waitFor(By.id("dinhdanh-app-number"));
            JsonNode second = pending(citizen);
            AppClient.Answer cloned = decide(clone, second, false, 0); // the clone's counter is where the original's was
            assertThat(cloned.body().path("error").asText()).isEqualTo("assertion_invalid");
            AppClient.Answer foreign = decide(other.phone(), second, false, 0);
            assertThat(foreign.body().path("error").asText()).isEqualTo("device_unknown");
            AppClient.Answer zero = decide(citizen.phone().nonCounting(), second, false, 0);
            assertThat(zero.body().path("error").asText()).as("a key that does not count").isEqualTo("assertion_invalid");

            JsonNode credentials = server.admin().get("/admin/realms/dinhdanh/users/f:population-registry:" + citizen.number() + "/credentials");
            for (JsonNode credential : credentials) {
                if (credential.path("type").asText().equals("vneid-device")) {
                    server.admin().delete("/admin/realms/dinhdanh/users/f:population-registry:" + citizen.number()
                            + "/credentials/" + credential.path("id").asText(), Duration.ofSeconds(30));
                }
            }

            AppClient.Answer revoked = decide(citizen.phone(), second, true, 10);
            assertThat(revoked.body().path("error").asText()).isEqualTo("device_unknown");
            assertThat(app.pending(citizen.phone(), citizen.number()).body().path("error").asText()).isEqualTo("device_unknown");
        }
        // Each refusal is an event in the audit trail, with its stable code.
        for (String reason : new String[] {"assertion_invalid", "device_unknown"}) {
            assertThat(server.log().lines().filter(l -> l.contains("[vn.dinhdanh.audit]") && l.contains("type=LOGIN_ERROR")
                    && l.contains("login_method=app") && l.contains("reason=" + reason))).as(reason).isNotEmpty();
        }
    }

    @Test
    @DisplayName("an unanswered push expires: a message and a retry; more than five pushes a minute: refused")
    void expiryAndLimit() throws Exception {
        Citizen citizen = enrolled();
        try (Browser browser = Browser.open("vi")) {
            browser.open(portal.authorizationUrl(PublicPortal.Request.fresh()));
            startLogin(browser, citizen.number()); // push 1
            awaitText(browser, "đã hết hạn"); // the page's long poll sees the expiry by itself (20 s here)
            JsonNode none = app.pending(citizen.phone(), citizen.number()).body().path("challenges");
            assertThat(none).isEmpty();
            for (int push = 2; push <= 5; push++) {
                retry(browser);
                browser.waitFor(By.id("dinhdanh-app-number"));
            }
            retry(browser); // push 6
            awaitText(browser, "quá nhiều yêu cầu đăng nhập");
        }
    }

    @Test
    @DisplayName("a number without a device, and a bad pending request, get their messages and codes")
    void noDevice() {
        String number = registry.pick(Registry.ALIVE);
        try (Browser browser = Browser.open("vi")) {
            browser.open(portal.authorizationUrl(PublicPortal.Request.fresh()));
            sendIdNumber(browser, number);
            awaitText(browser, "Không tìm thấy thiết bị VNeID");
        }
        Citizen citizen = enrolled();
        com.fasterxml.jackson.databind.node.ObjectNode stale = citizen.phone().pendingRequest(citizen.number(), System.currentTimeMillis() - 120_000);
        assertThat(app.pending(citizen.phone(), citizen.number()).status()).isEqualTo(200);
        AppClient.Answer old = postPending(stale);
        assertThat(old.body().path("error").asText()).isEqualTo("invalid_request");
        com.fasterxml.jackson.databind.node.ObjectNode forged = citizen.phone().pendingRequest(citizen.number(), System.currentTimeMillis());
        forged.put("signature", SandboxPhone.create().pendingRequest(citizen.number(), System.currentTimeMillis()).path("signature").asText());
        assertThat(postPending(forged).body().path("error").asText()).isEqualTo("signature_invalid");
    }

    private AppClient.Answer postPending(JsonNode body) {
        try {
            var response = LocalHttp.client().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(server.realmUrl() + "/app/pending")).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new AppClient.Answer(response.statusCode(), new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
