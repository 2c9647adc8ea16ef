package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCClaimsRequest;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.ACR;
import com.nimbusds.openid.connect.sdk.claims.ClaimRequirement;
import com.nimbusds.openid.connect.sdk.claims.ClaimsSetRequest;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.dinhdanh.it.support.Passwords;
import vn.dinhdanh.it.support.Browser;
import vn.dinhdanh.it.support.ChipReader;
import vn.dinhdanh.it.support.ChipReader.Challenge;
import vn.dinhdanh.it.support.Citizen;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.LoopbackReceiver;
import vn.dinhdanh.it.support.Registry;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.sandbox.app.AppClient;
import vn.dinhdanh.virtualchip.ActiveAuthKey;
import vn.dinhdanh.virtualchip.CardHolder;
import vn.dinhdanh.virtualchip.Variant;

/**
 * Levels of assurance as a relying party sees them, the RP side played by nimbus oauth2-oidc-sdk (an independent
 * OIDC library): LoA 1 vs 2 per login method, the level earned unasked, step-up in the same browser, the per-client
 * minimum, a level-1 record refused with the standard error, and never an acr below what was required.
 */
@ExtendWith(DinhdanhServerExtension.class)
class AssuranceIT {

    static final String LOA_1 = "urn:vn:eid:loa:1";
    static final String LOA_2 = "urn:vn:eid:loa:2";
    private static final String LEVEL_2 = Registry.ALIVE + " AND c.eid_level = 2";
    private static final String LEVEL_1 = Registry.ALIVE + " AND c.eid_level = 1";

    private ServerUnderTest server;
    private Registry registry;
    private AppClient app;
    private OIDCProviderMetadata provider;

    @BeforeEach
    void setUp(ServerUnderTest server) throws Exception {
        this.server = server;
        this.registry = new Registry(server);
        this.app = new AppClient(server.realmUrl());
        this.provider = OIDCProviderMetadata.resolve(new Issuer(server.realmUrl()));
    }

    // --- the relying party (nimbus) ---------------------------------------------------------------------------

    /** One authorization request of the portal: what it keeps until the callback. */
    private final class Login {
        final State state = new State();
        final Nonce nonce = new Nonce();
        final CodeVerifier verifier = new CodeVerifier();
        final URI uri;

        Login(Consumer<AuthenticationRequest.Builder> asking) {
            AuthenticationRequest.Builder builder = new AuthenticationRequest.Builder(new ResponseType("code"), new Scope("openid"),
                    new ClientID("public-portal"), server.relyingParties().publicPortalCallback())
                    .endpointURI(provider.getAuthorizationEndpointURI())
                    .state(state).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256);
            asking.accept(builder);
            this.uri = builder.build().toURI();
        }

        /** The callback's code exchanged, the ID token validated as the RP must (signature, issuer, audience, nonce). */
        IDTokenClaimsSet tokens(Map<String, String> callback) throws Exception {
            assertThat(callback).as("the callback: %s", callback).containsKey("code").doesNotContainKey("error");
            assertThat(callback.get("state")).isEqualTo(state.getValue());
            TokenRequest request = new TokenRequest(provider.getTokenEndpointURI(),
                    new ClientSecretBasic(new ClientID("public-portal"), new Secret(server.relyingParties().publicPortalSecret())),
                    new AuthorizationCodeGrant(new AuthorizationCode(callback.get("code")),
                            server.relyingParties().publicPortalCallback(), verifier));
            TokenResponse response = OIDCTokenResponseParser.parse(request.toHTTPRequest().send());
            assertThat(response.indicatesSuccess()).as("token response %s", response).isTrue();
            OIDCTokenResponse tokens = (OIDCTokenResponse) response.toSuccessResponse();
            IDTokenValidator validator = new IDTokenValidator(provider.getIssuer(), new ClientID("public-portal"),
                    JWSAlgorithm.RS256, provider.getJWKSetURI().toURL());
            return validator.validate(tokens.getOIDCTokens().getIDToken(), nonce);
        }
    }

    private static Consumer<AuthenticationRequest.Builder> nothing() {
        return b -> { };
    }

    private static Consumer<AuthenticationRequest.Builder> acrValues(String... acr) {
        return b -> b.acrValues(java.util.Arrays.stream(acr).map(ACR::new).toList());
    }

    /** {@code claims={"id_token":{"acr":{"essential":true,"values":[acr]}}}}: Keycloak must reach it or fail. */
    private static Consumer<AuthenticationRequest.Builder> essentialAcr(String acr) {
        return b -> b.claims(new OIDCClaimsRequest().withIDTokenClaimsRequest(new ClaimsSetRequest()
                .add(new ClaimsSetRequest.Entry("acr").withClaimRequirement(ClaimRequirement.ESSENTIAL).withValues(List.of(acr)))));
    }

    // --- the citizen's side ------------------------------------------------------------------------------------

    private Citizen withPhone(String condition) {
        String number = registry.pick(condition);
        return new Citizen(number, app.enrolNewPhone(server.admin(), number));
    }


    /** The page shows the number to pick (a push to the citizen's phone); the phone approves it. */
    private void approveOnPhone(Browser browser, Citizen citizen) {
        browser.waitFor(By.id("dinhdanh-app-number"));
        int shown = Integer.parseInt(browser.driver().findElement(By.id("dinhdanh-app-number")).getText().strip());
        JsonNode challenge = citizen.onlyPending(app);
        assertThat(app.decide(citizen.phone(), challenge, true, shown).body().path("decision").asText()).isEqualTo("approved");
    }

    /** The realm's first page (the app's): the ID number, so that a push goes to the citizen's phone. */
    private static void sendIdNumber(Browser browser, String number) {
        browser.waitFor(By.id("idNumber"));
        browser.driver().findElement(By.id("idNumber")).sendKeys(number);
        browser.driver().findElement(By.id("dinhdanh-app-send")).click();
    }

    private static Map<String, String> arrived(Browser browser, LoopbackReceiver callback) {
        browser.waitFor(By.id("received"));
        return callback.await(Duration.ofSeconds(5)).parameters();
    }

    private static void awaitText(Browser browser, String text) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> d.getPageSource().contains(text));
    }

    // --- the tests ------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("password alone: LoA 1 even for a level-2 record (acr loa:1, amr pwd)")
    void passwordAloneIsLevelOne() throws Exception {
        String number = registry.pick(LEVEL_2);
        String password = Passwords.give(server, number);
        Login login = new Login(nothing());
        try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
             Browser browser = Browser.open("vi")) {
            browser.open(login.uri);
            browser.signIn(number, password);
            IDTokenClaimsSet id = login.tokens(arrived(browser, callback));
            assertThat(id.getACR().getValue()).isEqualTo(LOA_1);
            assertThat(id.getStringListClaim("amr")).containsExactly("pwd");
        }
    }

    @Test
    @DisplayName("acr_values=loa:2: ID number + password, then an approval in the app (second factor) → LoA 2, amr pwd hwk mfa")
    void passwordThenAppIsLevelTwo() throws Exception {
        Citizen citizen = withPhone(LEVEL_2);
        String password = Passwords.give(server, citizen.number());
        Login login = new Login(acrValues(LOA_2));
        try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
             Browser browser = Browser.open("vi")) {
            browser.open(login.uri);
            browser.signIn(citizen.number(), password);
            approveOnPhone(browser, citizen); // asked for by the level-2 branch: no ID number typed again
            IDTokenClaimsSet id = login.tokens(arrived(browser, callback));
            assertThat(id.getACR().getValue()).isEqualTo(LOA_2);
            assertThat(id.getStringListClaim("amr")).containsExactly("pwd", "hwk", "mfa");
        }
    }

    @Test
    @DisplayName("the app on a phone enrolled in person, nothing asked: the level earned (LoA 2) is the level given")
    void appAloneEarnsLevelTwo() throws Exception {
        Citizen citizen = withPhone(LEVEL_2);
        Login login = new Login(nothing());
        try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
             Browser browser = Browser.open("vi")) {
            browser.open(login.uri);
            sendIdNumber(browser, citizen.number());
            approveOnPhone(browser, citizen);
            IDTokenClaimsSet id = login.tokens(arrived(browser, callback));
            assertThat(id.getACR().getValue()).isEqualTo(LOA_2);
            assertThat(id.getStringListClaim("amr")).containsExactly("hwk", "mfa");
        }
    }

    @Test
    @DisplayName("the same app approval for a record at e-ID level 1: LoA 1 unasked; essential loa:2 → the reason, then access_denied")
    void levelOneRecordNeverGetsLevelTwo() throws Exception {
        Citizen citizen = withPhone(LEVEL_1);
        Login unasked = new Login(nothing());
        try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
             Browser browser = Browser.open("vi")) {
            browser.open(unasked.uri);
            sendIdNumber(browser, citizen.number());
            approveOnPhone(browser, citizen);
            assertThat(unasked.tokens(arrived(browser, callback)).getACR().getValue()).isEqualTo(LOA_1);
        }

        Login essential = new Login(essentialAcr(LOA_2));
        try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
             Browser browser = Browser.open("vi")) {
            browser.open(essential.uri);
            sendIdNumber(browser, citizen.number());
            approveOnPhone(browser, citizen);
            browser.waitFor(By.id("dinhdanh-level-2-reason"));
            assertThat(browser.text()).contains("chưa ở mức 2", "đăng ký trực tiếp tại cơ quan Công an");
            assertThat(browser.driver().findElement(By.id("dinhdanh-level-2")).getAttribute("data-shortfall"))
                    .isEqualTo("registry_level");
            browser.driver().findElement(By.id("dinhdanh-level-2-return")).click();
            Map<String, String> answer = arrived(browser, callback);
            assertThat(answer).doesNotContainKey("code").containsEntry("error", "access_denied")
                    .containsEntry("state", essential.state.getValue());
        }
        assertThat(server.log().lines().filter(l -> l.contains("[vn.dinhdanh.audit]") && l.contains("type=LOGIN_ERROR")
                && l.contains("reason=loa_registry_level"))).isNotEmpty();
        assertThat(server.log()).doesNotContain(citizen.number());
    }

    @Test
    @DisplayName("step-up: a password session at LoA 1, then loa:2 asked → only the app approval; then loa:2 within 5 min and loa:1 need nothing")
    void stepUp() throws Exception {
        Citizen citizen = withPhone(LEVEL_2);
        String password = Passwords.give(server, citizen.number());
        int port = server.relyingParties().publicPortalPort();
        try (Browser browser = Browser.open("vi")) {
            Login first = new Login(nothing());
            IDTokenClaimsSet before;
            try (LoopbackReceiver callback = new LoopbackReceiver(port)) {
                browser.open(first.uri);
                browser.signIn(citizen.number(), password);
                before = first.tokens(arrived(browser, callback));
            }
            assertThat(before.getACR().getValue()).isEqualTo(LOA_1);

            Login stepUp = new Login(acrValues(LOA_2));
            try (LoopbackReceiver callback = new LoopbackReceiver(port)) {
                browser.open(stepUp.uri);
                approveOnPhone(browser, citizen); // the session's citizen: a push at once, no password, no ID number
                IDTokenClaimsSet stepped = stepUp.tokens(arrived(browser, callback));
                assertThat(stepped.getACR().getValue()).isEqualTo(LOA_2);
                assertThat(stepped.getSubject()).as("the same citizen").isEqualTo(before.getSubject());
                assertThat(stepped.getStringListClaim("amr")).as("this authentication's factors").containsExactly("hwk", "mfa");
            }

            Login again = new Login(essentialAcr(LOA_2));
            try (LoopbackReceiver callback = new LoopbackReceiver(port)) {
                browser.open(again.uri);
                assertThat(again.tokens(arrived(browser, callback)).getACR().getValue())
                        .as("level 2 within its max age: the session cookie is enough").isEqualTo(LOA_2);
            }

            Login lower = new Login(acrValues(LOA_1));
            try (LoopbackReceiver callback = new LoopbackReceiver(port)) {
                browser.open(lower.uri);
                assertThat(lower.tokens(arrived(browser, callback)).getACR().getValue())
                        .as("never below what was asked").isIn(LOA_1, LOA_2);
            }
        }
    }

    @Test
    @DisplayName("a per-client minimum (minimum.acr.value = loa:2): a request asking nothing, or loa:1, still gets LoA 2 or nothing")
    void perClientMinimum() throws Exception {
        Citizen citizen = withPhone(LEVEL_2);
        String password = Passwords.give(server, citizen.number());
        String clientPath = "/admin/realms/dinhdanh/clients/" + server.admin().get("/admin/realms/dinhdanh/clients?clientId=public-portal")
                .get(0).path("id").asText();
        ObjectNode client = (ObjectNode) server.admin().get(clientPath);
        ((ObjectNode) client.path("attributes")).put("minimum.acr.value", LOA_2);
        assertThat(server.admin().put(clientPath, client)).isEqualTo(204);
        try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
             Browser browser = Browser.open("vi")) {
            Login login = new Login(acrValues(LOA_1));
            browser.open(login.uri);
            browser.signIn(citizen.number(), password);
            approveOnPhone(browser, citizen);
            assertThat(login.tokens(arrived(browser, callback)).getACR().getValue()).isEqualTo(LOA_2);
        } finally {
            ((ObjectNode) client.path("attributes")).put("minimum.acr.value", "");
            assertThat(server.admin().put(clientPath, client)).isEqualTo(204);
        }
    }

    @Test
    @DisplayName("the chip alone is LoA 1; asked loa:2, the chip then the password (two kinds) give LoA 2, amr pwd sc hwk mfa")
    void chipThenPassword() throws Exception {
        ChipReader reader = new ChipReader(server);
        String number = registry.pick(ChipVerificationIT.HOLDER + " AND c.eid_level = 2");
        CardHolder holder = reader.holder(number);
        String password = Passwords.give(server, number);
        try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
             Browser browser = Browser.open("vi")) {
            Login alone = new Login(nothing());
            browser.open(alone.uri);
            readChip(browser, reader, holder);
            IDTokenClaimsSet id = alone.tokens(arrived(browser, callback));
            assertThat(id.getACR().getValue()).isEqualTo(LOA_1);
            assertThat(id.getStringListClaim("amr")).containsExactly("sc", "hwk");
        }
        try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
             Browser browser = Browser.open("en")) {
            Login asked = new Login(acrValues(LOA_2));
            browser.open(asked.uri);
            readChip(browser, reader, holder);
            // The level-2 branch asks another factor: the app first (this citizen has no phone), the password another way.
            browser.signIn(number, password);
            IDTokenClaimsSet id = asked.tokens(arrived(browser, callback));
            assertThat(id.getACR().getValue()).isEqualTo(LOA_2);
            assertThat(id.getStringListClaim("amr")).containsExactly("sc", "hwk", "pwd", "mfa");
        }
    }

    @Test
    @DisplayName("asked loa:2, the password then another citizen's genuine chip: refused as not theirs; their own chip then gives LoA 2")
    void anotherCitizensChipIsNoSecondFactor() throws Exception {
        ChipReader reader = new ChipReader(server);
        String number = registry.pick(ChipVerificationIT.HOLDER + " AND c.eid_level = 2");
        CardHolder someoneElse = reader.holder(registry.pick(ChipVerificationIT.HOLDER + " AND c.eid_level = 2"));
        String password = Passwords.give(server, number);
        try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
             Browser browser = Browser.open("en")) {
            Login asked = new Login(acrValues(LOA_2));
            browser.open(asked.uri);
            browser.signIn(number, password);
            browser.chooseMethod("Thẻ căn cước gắn chip", "Chip ID card");
            answerChip(browser, reader, someoneElse);
            awaitText(browser, "This card belongs to another citizen than the one signing in.");
            answerChip(browser, reader, reader.holder(number)); // the refusal's page has a new challenge
            IDTokenClaimsSet id = asked.tokens(arrived(browser, callback));
            assertThat(id.getACR().getValue()).isEqualTo(LOA_2);
        }
        assertThat(server.log().lines().filter(l -> l.contains("reason=card_of_another_citizen"))).as("the audit line").isNotEmpty();
    }

    @Test
    @DisplayName("asked loa:2, the password then a push sent to another citizen's phone (a forged ID number): their approval is refused as not this citizen's")
    void anotherCitizensApprovalIsNoSecondFactor() throws Exception {
        Citizen citizen = withPhone(LEVEL_2);
        Citizen someoneElse = withPhone(LEVEL_2);
        String password = Passwords.give(server, citizen.number());
        try (Browser browser = Browser.open("en")) {
            browser.open(new Login(acrValues(LOA_2)).uri);
            browser.signIn(citizen.number(), password);
            browser.waitFor(By.id("dinhdanh-app-number")); // the push to the citizen's own phone
            // The page's own form, posted with another citizen's ID number as the first page would.
            ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("const f = document.createElement('form');"
                    + " f.method = 'post'; f.action = document.forms[0].action; const i = document.createElement('input');"
                    + " i.name = 'idNumber'; i.value = arguments[0]; f.appendChild(i); document.body.appendChild(f); f.submit();",
                    someoneElse.number());
            approveOnPhone(browser, someoneElse);
            awaitText(browser, "VNeID device, not by the one signing in.");
        }
        assertThat(server.log().lines().filter(l -> l.contains("reason=another_citizen"))).as("the audit line").isNotEmpty();
    }

    /** "Try another way" → the chip; the app reads the genuine card (active authentication) for the page's challenge. */
    private static void readChip(Browser browser, ChipReader reader, CardHolder holder) {
        browser.chooseMethod("Thẻ căn cước gắn chip", "Chip ID card");
        answerChip(browser, reader, holder);
        // The page submits itself once the long poll sees the answer: wait until it has gone (by looking it up again:
        // a stale element's check can fail in Chromium with "Node with given id does not belong to the document").
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> d.findElements(By.id("dinhdanh-chip")).isEmpty());
    }

    /** The app reads the genuine card (active authentication) for the chip page's challenge. */
    private static void answerChip(Browser browser, ChipReader reader, CardHolder holder) {
        browser.waitFor(By.cssSelector("#dinhdanh-chip-qr svg"));
        Challenge challenge = Challenge.ofAppLink(browser.driver().findElement(By.id("dinhdanh-chip")).getAttribute("data-chip-link"));
        var answer = reader.verify(reader.request(reader.chip(holder, Variant.GENUINE, ActiveAuthKey.EC_P256_PLAIN), challenge));
        assertThat(answer.body().get("verdict").asText()).isEqualTo("valid");
    }
}
