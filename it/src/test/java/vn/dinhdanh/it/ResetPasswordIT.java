package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import vn.dinhdanh.it.support.Browser;
import vn.dinhdanh.it.support.Citizen;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.LoopbackReceiver;
import vn.dinhdanh.it.support.PageCheck;
import vn.dinhdanh.it.support.PublicPortal;
import vn.dinhdanh.it.support.Registry;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.sandbox.SandboxSecrets;
import vn.dinhdanh.sandbox.app.AppClient;

/**
 * "Quên mật khẩu / Tạo mật khẩu": the realm's reset-credentials flow sets a password after the citizen proves who
 * they are with the VNeID app, never by email or SMS, and only with evidence of level 2 (a password must never be
 * had for less proof than it then gives: card + password is level 2). Keycloak's own "update password" action
 * (the account console's) is refused.
 */
@ExtendWith(DinhdanhServerExtension.class)
class ResetPasswordIT {

    private ServerUnderTest server;
    private Registry registry;
    private PublicPortal portal;
    private AppClient app;

    @BeforeEach
    void setUp(ServerUnderTest server) {
        this.server = server;
        this.registry = new Registry(server);
        this.portal = new PublicPortal(server);
        this.app = new AppClient(server.realmUrl());
    }

    private Citizen withPhone(String condition) {
        String number = registry.pick(condition);
        return new Citizen(number, app.enrolNewPhone(server.admin(), number));
    }

    /** From the realm's first page: another way, the password method, then "Quên mật khẩu / Tạo mật khẩu". */
    private static void openReset(Browser browser) {
        browser.chooseMethod("và mật khẩu", "and password");
        browser.waitFor(By.linkText("Quên mật khẩu / Tạo mật khẩu"));
        browser.driver().findElement(By.linkText("Quên mật khẩu / Tạo mật khẩu")).click();
    }

    /** The app's page of the reset flow: the ID number, then the number picked on the phone. */
    private void approveWithApp(Browser browser, Citizen citizen) {
        browser.waitFor(By.id("idNumber"));
        browser.driver().findElement(By.id("idNumber")).sendKeys(citizen.number());
        browser.driver().findElement(By.id("dinhdanh-app-send")).click();
        browser.waitFor(By.id("dinhdanh-app-number"));
        int shown = Integer.parseInt(browser.driver().findElement(By.id("dinhdanh-app-number")).getText().strip());
        assertThat(app.decide(citizen.phone(), citizen.onlyPending(app), true, shown).body().path("decision").asText())
                .isEqualTo("approved");
    }

    @Test
    @DisplayName("a level-2 citizen sets a password with the app on a level-2 phone, is logged in at the level the app earned"
            + " (not more for the new password), and the password then works, alone at level 1")
    void setWithTheApp() throws Exception {
        Citizen citizen = withPhone(Registry.ALIVE + " AND c.eid_level = 2");
        String password = SandboxSecrets.random();
        PublicPortal.Request reset = PublicPortal.Request.fresh();
        try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
             Browser browser = Browser.open("vi")) {
            browser.open(portal.authorizationUrl(reset));
            openReset(browser);
            approveWithApp(browser, citizen);
            browser.waitFor(By.id("password-new"));
            PageCheck.check(browser, "reset-new-password", "vi");
            browser.driver().findElement(By.id("password-new")).sendKeys(password);
            browser.driver().findElement(By.id("password-confirm")).sendKeys(password);
            browser.driver().findElement(By.id("kc-submit")).click();
            JWTClaimsSet id = idToken(reset, callback.await(Duration.ofSeconds(30)).parameters());
            // The evidence is the app's key with user verification on a phone enrolled in person, for a level-2
            // record: level 2 (docs/assurance.md). Choosing a password proves nothing: no pwd, no more than that.
            assertThat(id.getStringClaim("acr")).as("the level the app's approval earned").isEqualTo("urn:vn:eid:loa:2");
            assertThat(id.getStringListClaim("amr")).containsExactly("hwk", "mfa");
        }
        PublicPortal.Request login = PublicPortal.Request.fresh();
        try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
             Browser browser = Browser.open("vi")) {
            browser.open(portal.authorizationUrl(login));
            browser.signIn(citizen.number(), password);
            JWTClaimsSet id = idToken(login, callback.await(Duration.ofSeconds(30)).parameters());
            assertThat(id.getStringClaim("acr")).as("the new password alone").isEqualTo("urn:vn:eid:loa:1");
            assertThat(id.getStringListClaim("amr")).containsExactly("pwd");
        }
    }

    /** The portal's token request for the code that arrived, and its verified ID token. */
    private JWTClaimsSet idToken(PublicPortal.Request request, Map<String, String> arrived) throws Exception {
        assertThat(arrived).containsKey("code");
        HttpResponse<String> tokens = portal.exchange(arrived.get("code"), request.codeVerifier());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return portal.verifyIdToken(PublicPortal.json(tokens).path("id_token").asText(), request.nonce());
    }

    @Test
    @DisplayName("a phone that only reaches level 1 (a level-1 record) cannot set a password: the reason, no password form")
    void levelOneCannot() {
        Citizen citizen = withPhone(Registry.ALIVE + " AND c.eid_level = 1");
        try (Browser browser = Browser.open("vi")) {
            browser.open(portal.authorizationUrl(PublicPortal.Request.fresh()));
            openReset(browser);
            browser.waitFor(By.id("idNumber"));
            PageCheck.check(browser, "reset-app", "vi");
            approveWithApp(browser, citizen);
            browser.waitFor(By.id("dinhdanh-level-2-reason"));
            assertThat(browser.driver().findElements(By.id("password-new"))).isEmpty();
        }
    }

    @Test
    @DisplayName("Keycloak's update-password action (kc_action=UPDATE_PASSWORD) is refused: invalid_request, password_needs_level_2")
    void applicationInitiatedActionRefused() {
        Map<String, String> parameters = portal.parametersWithPkce(PublicPortal.Request.fresh());
        parameters.put("kc_action", "UPDATE_PASSWORD");
        try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
             Browser browser = Browser.open("vi")) {
            browser.open(portal.authorizationUrl(parameters));
            Map<String, String> arrived = callback.await(Duration.ofSeconds(30)).parameters();
            assertThat(arrived).containsEntry("error", "invalid_request");
            assertThat(arrived.get("error_description")).startsWith("password_needs_level_2");
        }
    }
}
