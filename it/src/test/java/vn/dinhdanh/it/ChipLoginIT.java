package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.dinhdanh.it.support.Browser;
import vn.dinhdanh.it.support.ChipReader;
import vn.dinhdanh.it.support.ChipReader.Challenge;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.LoopbackReceiver;
import vn.dinhdanh.it.support.PublicPortal;
import vn.dinhdanh.it.support.Registry;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.virtualchip.ActiveAuthKey;
import vn.dinhdanh.virtualchip.CardHolder;
import vn.dinhdanh.virtualchip.Variant;

/**
 * Login with the CCCD chip in a real browser: the page shows a QR code / app link; the test plays the
 * citizen's app (reads a virtual card of a registry citizen, posts it with the page's challenge), and the
 * page continues by itself, without a click.
 */
@ExtendWith(DinhdanhServerExtension.class)
class ChipLoginIT {

    private ServerUnderTest server;
    private Registry registry;
    private ChipReader app;
    private PublicPortal portal;

    @BeforeEach
    void setUp(ServerUnderTest server) {
        this.server = server;
        this.registry = new Registry(server);
        this.app = new ChipReader(server);
        this.portal = new PublicPortal(server);
    }

    /** From the password page, "try another way", then the chip: the page with the QR code. */
    private Challenge openChipPage(Browser browser) {
        browser.waitFor(By.id("try-another-way"));
        browser.driver().findElement(By.id("try-another-way")).click();
        browser.waitFor(By.xpath("//*[contains(text(), 'Thẻ căn cước gắn chip')]"));
        browser.driver().findElement(By.xpath("//*[contains(text(), 'Thẻ căn cước gắn chip')]/ancestor::button")).click();
        return currentChallenge(browser);
    }

    /** The page changes by itself (the long poll answered, the form submitted): wait for its new text. */
    private static void awaitText(Browser browser, String text) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> d.getPageSource().contains(text));
    }

    private static Challenge currentChallenge(Browser browser) {
        browser.waitFor(By.cssSelector("#dinhdanh-chip-qr svg")); // the page has loaded as far as its QR code
        assertThat(browser.driver().findElements(By.cssSelector("#dinhdanh-chip-qr svg"))).hasSize(1);
        return Challenge.ofAppLink(browser.driver().findElement(By.id("dinhdanh-chip")).getAttribute("data-chip-link"));
    }

    @Test
    @DisplayName("the app reads the citizen's card; the browser continues by itself to the portal, signed in as that citizen")
    void signsIn() throws Exception {
        String number = registry.pick(ChipVerificationIT.HOLDER);
        CardHolder holder = app.holder(number);
        PublicPortal.Request request = PublicPortal.Request.fresh();
        try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
             Browser browser = Browser.open("vi")) {
            browser.open(portal.authorizationUrl(request));
            Challenge challenge = openChipPage(browser);
            assertThat(browser.text()).contains("Đăng nhập bằng thẻ căn cước gắn chip", "VNeID");
            assertThat(browser.driver().findElement(By.id("dinhdanh-chip-open-app")).getAttribute("href"))
                    .startsWith("vneid://chip-login?realm=dinhdanh&").doesNotContain("http");
            // What the app shows before reading the card: the relying party that asks.
            assertThat(app.state(challenge.id()).body().at("/login/client").asText())
                    .isEqualTo(server.admin().get("/admin/realms/dinhdanh/clients?clientId=public-portal").get(0).get("name").asText());

            var answer = app.verify(app.request(app.chip(holder, Variant.GENUINE, ActiveAuthKey.EC_P256_PLAIN), challenge));
            assertThat(answer.body().get("verdict").asText()).isEqualTo("valid");
            assertThat(answer.body().has("person")).as("the app is no eKYC client").isFalse();

            browser.waitFor(By.id("received")); // no click: the page's long poll saw the answer
            String code = callback.await(Duration.ofSeconds(5)).parameters().get("code");
            JWTClaimsSet claims = portal.verifyIdToken(
                    PublicPortal.json(portal.exchange(code, request.codeVerifier())).path("id_token").asText(), request.nonce());
            assertThat(claims.getSubject()).isEqualTo(vn.dinhdanh.it.support.Pairwise.atPublicPortal(server, number));
        }
        assertThat(server.log().lines().filter(l -> l.contains("[vn.dinhdanh.audit]") && l.contains("type=LOGIN ")
                && l.contains("login_method=chip") && l.contains("factors=chip_aa")))
                .as("the login's method and factors are recorded").isNotEmpty();
    }

    @Test
    @DisplayName("a card without expiry under the Brainpool CSCA signs in, its nonce read from the page's link as the sandbox's chip read reads it")
    void noExpiryBrainpoolCard() throws Exception {
        String number = registry.pick("c.life_status = 'alive' AND NOT c.blocked AND k.status = 'active' AND k.expiry_date IS NULL");
        CardHolder holder = app.holder(number);
        assertThat(holder.cardExpiryDate()).isNull();
        PublicPortal.Request request = PublicPortal.Request.fresh();
        try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
             Browser browser = Browser.open("vi")) {
            browser.open(portal.authorizationUrl(request));
            Challenge challenge = openChipPage(browser);
            String link = browser.driver().findElement(By.id("dinhdanh-chip")).getAttribute("data-chip-link");
            String linkNonce = link.substring(link.indexOf("&nonce=") + "&nonce=".length()).split("&")[0];
            // ./dinhdanh chip read --challenge <the link's nonce>: unpadded base64url, as the link carries it.
            byte[] nonce = vn.dinhdanh.sandbox.chip.SandboxChips.nonce(linkNonce);
            assertThat(nonce).isEqualTo(challenge.nonce());
            var body = vn.dinhdanh.sandbox.chip.SandboxChips.verificationRequest(app.brainpoolChip(holder, Variant.GENUINE),
                    challenge.id(), nonce);
            assertThat(app.verify(body).body().get("verdict").asText()).isEqualTo("valid");
            browser.waitFor(By.id("received"));
            String code = callback.await(Duration.ofSeconds(5)).parameters().get("code");
            JWTClaimsSet claims = portal.verifyIdToken(
                    PublicPortal.json(portal.exchange(code, request.codeVerifier())).path("id_token").asText(), request.nonce());
            assertThat(claims.getSubject()).isEqualTo(vn.dinhdanh.it.support.Pairwise.atPublicPortal(server, number));
        }
    }

    @Test
    @DisplayName("a refused card: a translated message and a new code on the same page; the right card then signs in")
    void retryInPlace() throws Exception {
        String number = registry.pick(ChipVerificationIT.HOLDER);
        CardHolder holder = app.holder(number);
        try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
             Browser browser = Browser.open("vi")) {
            browser.open(portal.authorizationUrl(PublicPortal.Request.fresh()));
            Challenge first = openChipPage(browser);

            app.verify(app.request(app.chip(holder, Variant.WRONG_AA_KEY, ActiveAuthKey.RSA_SHA256), first));
            awaitText(browser, "xác thực chủ động thất bại");
            Challenge second = currentChallenge(browser);
            assertThat(second.id()).isNotEqualTo(first.id());

            // The refused challenge is spent: answering it again is no way in.
            var replay = app.verify(app.request(app.chip(holder, Variant.GENUINE, ActiveAuthKey.RSA_SHA256), first));
            assertThat(replay.body().get("error").asText()).isEqualTo("challenge_reused");

            app.verify(app.request(app.chip(holder, Variant.GENUINE, ActiveAuthKey.RSA_SHA256), second));
            browser.waitFor(By.id("received"));
            assertThat(callback.await(Duration.ofSeconds(5)).parameters()).containsKey("code");
        }
        assertThat(server.log().lines().filter(l -> l.contains("[vn.dinhdanh.audit]") && l.contains("reason=aa_failed")))
                .isNotEmpty();
    }

    @Test
    @DisplayName("a card without Active Authentication never logs in: aa_unsupported")
    void passiveOnlyRefused() {
        String number = registry.pick(ChipVerificationIT.HOLDER);
        CardHolder holder = app.holder(number);
        try (Browser browser = Browser.open("vi")) {
            browser.open(portal.authorizationUrl(PublicPortal.Request.fresh()));
            Challenge challenge = openChipPage(browser);
            app.verify(app.request(app.chip(holder, Variant.GENUINE, ActiveAuthKey.NONE), challenge));
            awaitText(browser, "không hỗ trợ xác thực chủ động");
            assertThat(browser.driver().findElements(By.id("dinhdanh-chip"))).hasSize(1);
        }
    }

    @Test
    @DisplayName("in English, the chip page and its refusals are in English")
    void english() {
        String number = registry.pick(ChipVerificationIT.HOLDER);
        CardHolder holder = app.holder(number);
        try (Browser browser = Browser.open("en")) {
            browser.open(portal.authorizationUrl(PublicPortal.Request.fresh()));
            browser.waitFor(By.id("try-another-way"));
            browser.driver().findElement(By.id("try-another-way")).click();
            browser.waitFor(By.xpath("//*[contains(text(), 'Chip ID card')]"));
            browser.driver().findElement(By.xpath("//*[contains(text(), 'Chip ID card')]/ancestor::button")).click();
            Challenge challenge = currentChallenge(browser);
            assertThat(browser.text()).contains("Sign in with your chip ID card");
            app.verify(app.request(app.chip(holder, Variant.EXPIRED, ActiveAuthKey.RSA_SHA256), challenge));
            awaitText(browser, "This ID card has expired");
        }
    }
}
