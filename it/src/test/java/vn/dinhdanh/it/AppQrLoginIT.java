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
import vn.dinhdanh.sandbox.app.AppClient;
import vn.dinhdanh.sandbox.app.SandboxPhone;

/**
 * The login page's rotating QR code, scanned by the sandbox's phone: nothing typed in the browser, the page
 * continues by itself; the code changes every second and a stale one (a relayed picture) is refused; a code
 * is claimed once; a reload shows the same login; a denial ends with its message.
 */
@ExtendWith(DinhdanhServerExtension.class)
class AppQrLoginIT {


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

    /** The QR code's payload as the page shows it now (the page's link to the app carries the same). */
    private static String payload(Browser browser) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(d -> {
            String href = d.findElement(By.id("dinhdanh-app-qr-link")).getAttribute("href");
            return href != null && href.startsWith("vneid://");
        });
        assertThat(browser.driver().findElements(By.cssSelector("#dinhdanh-app-qr svg"))).hasSize(1);
        return browser.driver().findElement(By.id("dinhdanh-app-qr-link")).getAttribute("href");
    }

    private AppClient.Answer decide(SandboxPhone phone, JsonNode challenge, boolean approve) {
        return app.decide(phone, challenge, approve, 0);
    }

    private static void awaitText(Browser browser, String text) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(40)).until(d -> d.getPageSource().contains(text));
    }

    @Test
    @DisplayName("the app scans the page's QR code and approves: the browser continues by itself, nothing typed")
    void scanAndApprove() throws Exception {
        Citizen citizen = enrolled();
        PublicPortal.Request request = PublicPortal.Request.fresh();
        try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
             Browser browser = Browser.open("vi")) {
            browser.open(portal.authorizationUrl(request));
            String first = payload(browser);
            new WebDriverWait(browser.driver(), Duration.ofSeconds(5)).until(d -> !payload(browser).equals(first));
            String payload = payload(browser);
            assertThat(payload).as("the code rotates, the challenge stays")
                    .startsWith(first.substring(0, first.indexOf("&t=")));

            JsonNode challenge = app.scan(citizen.phone(), citizen.number(), payload).expect(201, "the scan");
            assertThat(challenge.path("kind").asText()).isEqualTo("qr");
            assertThat(challenge.path("client").asText()).isNotBlank();
            assertThat(challenge.path("choices")).isEmpty();
            awaitText(browser, "Đã quét mã");

            assertThat(decide(citizen.phone(), challenge, true).body().path("decision").asText()).isEqualTo("approved");
            browser.waitFor(By.id("received"));
            String code = callback.await(Duration.ofSeconds(5)).parameters().get("code");
            JWTClaimsSet claims = portal.verifyIdToken(
                    PublicPortal.json(portal.exchange(code, request.codeVerifier())).path("id_token").asText(), request.nonce());
            assertThat(claims.getSubject()).isEqualTo(vn.dinhdanh.it.support.Pairwise.atPublicPortal(server, citizen.number()));
        }
        assertThat(server.log().lines().filter(l -> l.contains("[vn.dinhdanh.audit]") && l.contains("type=LOGIN ")
                && l.contains("login_method=app_qr"))).isNotEmpty();
    }

    @Test
    @DisplayName("a code older than five seconds is stale; a code is claimed once; foreign and unsigned scans are refused")
    void staleReplayedForeign() throws Exception {
        Citizen citizen = enrolled();
        Citizen other = enrolled();
        try (Browser browser = Browser.open("vi")) {
            browser.open(portal.authorizationUrl(PublicPortal.Request.fresh()));
            String old = payload(browser);
            Thread.sleep(6_500);
            AppClient.Answer stale = app.scan(citizen.phone(), citizen.number(), old);
            assertThat(stale.status()).isEqualTo(400);
            assertThat(stale.body().path("error").asText()).isEqualTo("qr_stale");

            String payload = payload(browser);
            String tampered = payload.substring(0, payload.length() - 1) + (payload.endsWith("0") ? "1" : "0");
            assertThat(app.scan(citizen.phone(), citizen.number(), tampered).body().path("error").asText()).isEqualTo("qr_invalid");
            assertThat(app.scan(citizen.phone(), citizen.number(), "vneid://qr-login?realm=master&c=x&t=1&h=" + "0".repeat(64))
                    .body().path("error").asText()).isEqualTo("qr_invalid");
            assertThat(app.scan(SandboxPhone.create(), citizen.number(), payload).body().path("error").asText())
                    .as("a device that is not the citizen's").isEqualTo("device_unknown");

            app.scan(citizen.phone(), citizen.number(), payload).expect(201, "the scan");
            AppClient.Answer again = app.scan(other.phone(), other.number(), payload);
            assertThat(again.status()).isEqualTo(400);
            assertThat(again.body().path("error").asText()).as("claimed already").isEqualTo("qr_invalid");
        }
        assertThat(server.log().lines().filter(l -> l.contains("[vn.dinhdanh.audit]") && l.contains("type=LOGIN_ERROR")
                && l.contains("reason=qr_stale"))).isNotEmpty();
    }

    @Test
    @DisplayName("a reload shows the same login; the citizen denies in the app: a translated message and a new QR code on retry")
    void reloadThenDeny() throws Exception {
        Citizen citizen = enrolled();
        try (Browser browser = Browser.open("vi")) {
            browser.open(portal.authorizationUrl(PublicPortal.Request.fresh()));
            String before = payload(browser);
            String challengeId = before.replaceAll(".*[?&]c=([^&]+).*", "$1");
            browser.driver().navigate().refresh();
            String after = payload(browser);
            assertThat(after).as("the same QR login after a reload").contains("c=" + challengeId + "&");

            JsonNode challenge = app.scan(citizen.phone(), citizen.number(), after).expect(201, "the scan");
            assertThat(decide(citizen.phone(), challenge, false).body().path("decision").asText()).isEqualTo("denied");
            awaitText(browser, "đã bị từ chối");

            browser.waitFor(By.id("dinhdanh-app-retry"));
            browser.driver().findElement(By.id("dinhdanh-app-retry")).click();
            assertThat(payload(browser)).doesNotContain("c=" + challengeId + "&");
        }
        assertThat(server.log().lines().filter(l -> l.contains("[vn.dinhdanh.audit]") && l.contains("reason=denied"))).isNotEmpty();
    }
}
