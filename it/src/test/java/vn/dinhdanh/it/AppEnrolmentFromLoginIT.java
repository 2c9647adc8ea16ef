package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import vn.dinhdanh.it.support.Browser;
import vn.dinhdanh.it.support.ChipReader;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.DpopKey;
import vn.dinhdanh.it.support.LoopbackReceiver;
import vn.dinhdanh.it.support.Passwords;
import vn.dinhdanh.it.support.PublicPortal;
import vn.dinhdanh.it.support.Registry;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.population.registry.CitizenRecord;
import vn.dinhdanh.sandbox.LocalHttp;
import vn.dinhdanh.sandbox.Ports;
import vn.dinhdanh.sandbox.app.AppClient;
import vn.dinhdanh.sandbox.app.SandboxPhone;
import vn.dinhdanh.sandbox.postgres.Database;
import vn.dinhdanh.virtualchip.ActiveAuthKey;
import vn.dinhdanh.virtualchip.Variant;

/**
 * Enrolling a device from a login in the app (client {@code vneid-app}: code + PKCE, DPoP-bound tokens) instead of a
 * code from the police desk: the device is bound at the level the login earned — chip + password at level 2
 * ({@code level2_login}), a chip alone or a password at level 1 ({@code session}); the binding is what later app
 * logins record. The found-card attack (chip alone, own key, CIBA loa:2) ends without level 2. Other clients'
 * tokens, stale logins, bearer use of a DPoP-bound token and bad tokens are refused with their codes.
 */
@ExtendWith(DinhdanhServerExtension.class)
class AppEnrolmentFromLoginIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = LocalHttp.builder().connectTimeout(Duration.ofSeconds(5)).build();
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


    /** The app's tokens, bound to its DPoP key. */
    private record AppTokens(String access, String refresh, String id, DpopKey dpop) {
    }

    private URI tokenEndpoint() {
        return URI.create(server.realmUrl() + "/protocol/openid-connect/token");
    }

    /** The app's login (code flow, PKCE, DPoP) in a new browser, {@code login} doing the page's part: the app's access token. */
    private AppTokens appLogin(Consumer<Browser> login) {
        try (Browser browser = Browser.open("vi")) {
            return appLogin(browser, login, false);
        }
    }

    /** The same in {@code browser} (its session cookie kept); {@code again}: {@code prompt=login}, a re-authentication. */
    private AppTokens appLogin(Browser browser, Consumer<Browser> login, boolean again) {
        return appLogin(browser, login, again, DpopKey.generate(), Map.of());
    }

    /** The app's login with {@code extra} authorization parameters ({@code acr_values}, {@code device_label}) in a new browser. */
    private AppTokens appLogin(Consumer<Browser> login, Map<String, String> extra) {
        try (Browser browser = Browser.open("vi")) {
            return appLogin(browser, login, false, DpopKey.generate(), extra);
        }
    }

    /** {@code dpop} null: the token request without a proof (its answer in {@link AppTokens#id}). */
    private AppTokens appLogin(Browser browser, Consumer<Browser> login, boolean again, DpopKey dpop, Map<String, String> extra) {
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
        authorization.putAll(extra);
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
        HttpRequest.Builder tokenRequest = HttpRequest.newBuilder(tokenEndpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(PublicPortal.form(exchange)));
        if (dpop != null) {
            tokenRequest.header("DPoP", dpop.proof("POST", tokenEndpoint()));
        }
        JsonNode tokens = send(tokenRequest);
        if (dpop == null) {
            return new AppTokens(null, null, tokens.toString(), null);
        }
        assertThat(tokens.has("access_token")).as(tokens.toString()).isTrue();
        return new AppTokens(tokens.path("access_token").asText(), tokens.path("refresh_token").asText(),
                tokens.path("id_token").asText(), dpop);
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

    /** POST /app/enrolments with the app's DPoP-bound token and its proof, no body: the enrolment's answer. */
    private AppClient.Answer startWithToken(AppTokens tokens) {
        URI enrolments = URI.create(server.realmUrl() + "/app/enrolments");
        return startWithToken(HttpRequest.newBuilder(enrolments).header("Authorization", "DPoP " + tokens.access())
                .header("DPoP", tokens.dpop().proof("POST", enrolments, tokens.access())));
    }

    /** POST /app/enrolments with a bearer token and no body: the enrolment's answer. */
    private AppClient.Answer startWithToken(String token) {
        return startWithToken(HttpRequest.newBuilder(URI.create(server.realmUrl() + "/app/enrolments"))
                .header("Authorization", "Bearer " + token));
    }

    private AppClient.Answer startWithToken(HttpRequest.Builder request) {
        request.POST(HttpRequest.BodyPublishers.noBody());
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
    @DisplayName("the found card: chip-only login to vneid-app, the holder's own key enrolled (session), CIBA loa:2 refused before any push, loa:1 at most")
    void foundCardGivesNoLevelTwo() throws Exception {
        String number = registry.pick(ChipVerificationIT.HOLDER + " AND c.eid_level = 2");
        AppTokens tokens = appLogin(withChip(new ChipReader(server), number));
        JsonNode enrolment = startWithToken(tokens).expect(201, "the enrolment");
        assertThat(enrolment.path("binding").asText()).as("a chip alone is one factor").isEqualTo("session");
        SandboxPhone attackers = SandboxPhone.create();
        assertThat(enrol(attackers, enrolment).path("binding").asText()).isEqualTo("session");

        // bank-call-centre asks level 2 for that citizen: the only device cannot give it, nothing is pushed.
        AppClient.Answer asked = ciba(number, "urn:vn:eid:loa:2");
        assertThat(asked.status()).isEqualTo(400);
        assertThat(asked.body().path("error").asText()).isEqualTo("unknown_user_id");
        assertThat(app.pending(attackers, number).expect(200, "pending").path("challenges")).isEmpty();

        // Asked no level: the attacker's approval gives a token at level 1, never 2.
        AppClient.Answer levelOne = ciba(number, null);
        assertThat(levelOne.status()).as(levelOne.body().toString()).isEqualTo(200);
        JsonNode challenge = app.pending(attackers, number).expect(200, "pending").path("challenges").get(0);
        assertThat(app.decide(attackers, challenge, true, 0).body().path("decision").asText()).isEqualTo("approved");
        Thread.sleep(2_100); // the realm's polling interval
        AppClient.Answer issued = cibaToken(levelOne.body().path("auth_req_id").asText());
        assertThat(issued.status()).as(issued.body().toString()).isEqualTo(200);
        assertThat(SignedJWT.parse(issued.body().path("id_token").asText()).getJWTClaimsSet().getStringClaim("acr"))
                .isEqualTo("urn:vn:eid:loa:1");

        // A browser login with the chip plus the attacker's phone: one person's card, not two factors: level 1.
        try (Browser browser = Browser.open("vi")) {
            browser.open(new PublicPortal(server).authorizationUrl(PublicPortal.Request.fresh()));
            browser.waitFor(By.id("idNumber"));
            browser.driver().findElement(By.id("idNumber")).sendKeys(number);
            browser.driver().findElement(By.id("dinhdanh-app-send")).click();
            browser.waitFor(By.id("dinhdanh-app-number"));
            int shown = Integer.parseInt(browser.driver().findElement(By.id("dinhdanh-app-number")).getText().strip());
            JsonNode push = app.pending(attackers, number).expect(200, "pending").path("challenges").get(0);
            assertThat(app.decide(attackers, push, true, shown).body().path("decision").asText()).isEqualTo("approved");
            try (LoopbackReceiver ignored = new LoopbackReceiver(server.relyingParties().publicPortalPort())) {
                browser.waitFor(By.id("received"));
            }
        }
        assertThat(server.log().lines().filter(l -> l.contains("[vn.dinhdanh.audit]") && l.contains("type=LOGIN ")
                && l.contains("login_method=app") && l.contains("device_binding=session"))).isNotEmpty();
        removeDevices(number);
    }

    @Test
    @DisplayName("chip + password: the login earned level 2, the device enrolled from it is bound level2_login and approves CIBA loa:2")
    void levelTwoLoginBindsAtLevelTwo() throws Exception {
        String number = levelTwoHolder();
        String password = Passwords.give(server, number);
        JsonNode enrolment = startWithToken(levelTwoLogin(number, password)).expect(201, "the enrolment");
        assertThat(enrolment.path("binding").asText()).isEqualTo("level2_login");
        SandboxPhone phone = SandboxPhone.create();
        enrol(phone, enrolment);

        AppClient.Answer asked = ciba(number, "urn:vn:eid:loa:2");
        assertThat(asked.status()).as(asked.body().toString()).isEqualTo(200);
        JsonNode challenge = app.pending(phone, number).expect(200, "pending").path("challenges").get(0);
        assertThat(app.decide(phone, challenge, true, 0).body().path("decision").asText()).isEqualTo("approved");
        Thread.sleep(2_100);
        AppClient.Answer issued = cibaToken(asked.body().path("auth_req_id").asText());
        assertThat(SignedJWT.parse(issued.body().path("id_token").asText()).getJWTClaimsSet().getStringClaim("acr"))
                .isEqualTo("urn:vn:eid:loa:2");
        removeDevices(number);
    }

    @Test
    @DisplayName("moving to a new phone: the old phone shows the new one's label before approving; level2_login for that label only")
    void moveToNewPhone() {
        String number = registry.pick(Registry.ALIVE + " AND c.eid_level = 2");
        SandboxPhone old = app.enrolNewPhone(server.admin(), number); // in person: level 2
        SandboxPhone fresh = SandboxPhone.create();

        AppTokens announced = appLogin(approvedBy(old, number, "Thiết bị mới · New device: Điện thoại mới"),
                Map.of("device_label", "Điện thoại mới"));
        JsonNode enrolment = startWithToken(announced).expect(201, "the enrolment");
        assertThat(enrolment.path("binding").asText()).isEqualTo("level2_login");
        byte[] challenge = Base64.getUrlDecoder().decode(enrolment.path("challenge").asText());
        AppClient.Answer otherLabel = app.enrolDevice(enrolment.path("enrolmentId").asText(),
                fresh.attestation(challenge, enrolment.path("rpId").asText(), app.origin(), "Máy khác"));
        assertThat(otherLabel.body().path("error").asText()).as("not the device the old phone showed").isEqualTo("label_mismatch");

        AppTokens again = appLogin(approvedBy(old, number, "Thiết bị mới · New device: Điện thoại mới"),
                Map.of("device_label", "Điện thoại mới"));
        JsonNode second = startWithToken(again).expect(201, "the enrolment");
        assertThat(app.enrolDevice(second.path("enrolmentId").asText(), fresh.attestation(
                Base64.getUrlDecoder().decode(second.path("challenge").asText()), second.path("rpId").asText(), app.origin(),
                "Điện thoại mới")).expect(201, "the device").path("binding").asText()).isEqualTo("level2_login");

        AppTokens unannounced = appLogin(approvedBy(old, number, null), Map.of());
        assertThat(startWithToken(unannounced).expect(201, "the enrolment").path("binding").asText())
                .as("the old phone showed no new device").isEqualTo("session");
    }

    /** A push login of citizen {@code number} approved with {@code phone}, whose challenge shows {@code message} (null: none). */
    private Consumer<Browser> approvedBy(SandboxPhone phone, String number, String message) {
        return browser -> {
            browser.waitFor(By.id("idNumber"));
            browser.driver().findElement(By.id("idNumber")).sendKeys(number);
            browser.driver().findElement(By.id("dinhdanh-app-send")).click();
            browser.waitFor(By.id("dinhdanh-app-number"));
            int shown = Integer.parseInt(browser.driver().findElement(By.id("dinhdanh-app-number")).getText().strip());
            JsonNode push = app.pending(phone, number).expect(200, "pending").path("challenges").get(0);
            if (message == null) {
                assertThat(push.has("bindingMessage")).isFalse();
            } else {
                assertThat(push.path("bindingMessage").asText()).isEqualTo(message);
            }
            assertThat(app.decide(phone, push, true, shown).body().path("decision").asText()).isEqualTo("approved");
        };
    }

    @Test
    @DisplayName("vneid-app: no token without a DPoP proof; a DPoP-bound token is refused as a bearer; pairwise sub; refresh tokens rotate")
    void dpopAndRotation() throws Exception {
        String number = registry.pick(Registry.ALIVE);
        String password = Passwords.give(server, number);
        AppTokens withoutProof;
        AppTokens tokens;
        try (Browser browser = Browser.open("vi")) {
            withoutProof = appLogin(browser, b -> b.signIn(number, password), false, null, Map.of());
            tokens = appLogin(browser, b -> { }, false);
        }
        assertThat(withoutProof.id()).as("the token endpoint without a DPoP proof").contains("invalid_request").contains("DPoP");

        var access = SignedJWT.parse(tokens.access()).getJWTClaimsSet();
        assertThat(access.getJSONObjectClaim("cnf")).as("bound to the app's key").containsEntry("jkt", tokens.dpop().thumbprint());
        var id = SignedJWT.parse(tokens.id()).getJWTClaimsSet();
        assertThat(id.getSubject()).doesNotContain(number);
        assertThat(id.getSubject()).isNotEqualTo(vn.dinhdanh.it.support.Pairwise.citizenUserId(number));
        assertThat(id.getClaims().values().stream().map(String::valueOf)).as("the ID number is in no claim").noneMatch(v -> v.contains(number));

        AppClient.Answer asBearer = startWithToken(tokens.access());
        assertThat(asBearer.status()).as("a stolen DPoP-bound token, replayed as a bearer token").isEqualTo(401);
        assertThat(startWithToken(new AppTokens(tokens.access(), null, null, DpopKey.generate())).status())
                .as("with another key's proof").isEqualTo(401);
        assertThat(startWithToken(tokens).status()).isEqualTo(201);

        JsonNode refreshed = refresh(tokens.refresh(), tokens.dpop());
        assertThat(refreshed.has("access_token")).as(refreshed.toString()).isTrue();
        assertThat(refreshed.path("refresh_token").asText()).isNotEqualTo(tokens.refresh());
        JsonNode reused = refresh(tokens.refresh(), tokens.dpop());
        assertThat(reused.path("error").asText()).as("the first refresh token, used again").isEqualTo("invalid_grant");
        JsonNode otherKey = refresh(refreshed.path("refresh_token").asText(), DpopKey.generate());
        assertThat(otherKey.has("access_token")).as("a refresh with another key's proof").isFalse();
    }

    private JsonNode refresh(String refreshToken, DpopKey dpop) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", "vneid-app");
        form.put("refresh_token", refreshToken);
        return send(HttpRequest.newBuilder(tokenEndpoint()).header("Content-Type", "application/x-www-form-urlencoded")
                .header("DPoP", dpop.proof("POST", tokenEndpoint())).POST(HttpRequest.BodyPublishers.ofString(PublicPortal.form(form))));
    }

    /**
     * Removes the citizen's devices: the few chip holders are shared by the tests, and a device changes their level-2
     * login (the second factor becomes a push to it).
     */
    private void removeDevices(String number) {
        String path = "/admin/realms/dinhdanh/users/f:population-registry:" + number + "/credentials";
        for (JsonNode credential : server.admin().get(path)) {
            if ("vneid-device".equals(credential.path("type").asText())) {
                assertThat(server.admin().delete(path + "/" + credential.path("id").asText(), Duration.ofSeconds(30))).isEqualTo(204);
            }
        }
    }

    /** bank-call-centre's back-channel request for citizen {@code number}, asking {@code acr} (null: none). */
    private AppClient.Answer ciba(String number, String acr) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("scope", "openid");
        form.put("login_hint", number);
        form.put("binding_message", "VCB-" + (1000 + (int) (Math.random() * 9000)));
        if (acr != null) {
            form.put("acr_values", acr);
        }
        return bank("/protocol/openid-connect/ext/ciba/auth", form);
    }

    private AppClient.Answer cibaToken(String authReqId) {
        return bank("/protocol/openid-connect/token", Map.of("grant_type", "urn:openid:params:grant-type:ciba", "auth_req_id", authReqId));
    }

    private AppClient.Answer bank(String path, Map<String, String> form) {
        String basic = Base64.getEncoder().encodeToString(("bank-call-centre:" + server.relyingParties().bankCallCentreSecret())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.realmUrl() + path))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
                    .POST(HttpRequest.BodyPublishers.ofString(PublicPortal.form(form))).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new AppClient.Answer(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("a new card the registry records late: the device bound since with the old card drops to level 1; one bound with the new card keeps level 2")
    void deviceFollowsTheCardOfItsLogin() throws Exception {
        String number = levelTwoHolder();
        String password = Passwords.give(server, number);
        String oldCard = activeCard(number);
        // Read before the binding: yesterday in Vietnam ended before it, whenever the test runs.
        LocalDate yesterday = LocalDate.now(CitizenRecord.CALENDAR).minusDays(1);
        String withOldCard = enrolFromLevelTwoLogin(number, password);
        assertThat(deviceAttribute(number, "dinhdanh.device.card.", withOldCard)).as("the card the login earned level 2 under").isEqualTo(oldCard);

        AppClient.Answer before = ciba(number, "urn:vn:eid:loa:2");
        assertThat(before.status()).as("the device gives level 2: " + before.body()).isEqualTo(200);

        // The citizen's new card was issued yesterday, and the registry tells only now: the device was bound after the new
        // card's issue day, but with the old card (the only one a chip login could use until the registry knew the new).
        Database keycloak = server.keycloakDatabase();
        try (Connection holder = DriverManager.getConnection(keycloak.jdbcUrl(), keycloak.username(), keycloak.password())) {
            registry.awaitFeedProcessed();
            // The change feed held elsewhere (another node's transaction): the device's record is not lowered yet ...
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.executeQuery("SELECT seq FROM dd_registry_feed FOR UPDATE").close();
            }
            registry.replaceCard(number, yesterday);
            assertThat(deviceAttribute(number, "dinhdanh.device.binding.", withOldCard)).isEqualTo("level2_login");
            // ... yet its approval no longer counts for level 2: the registry's newest card is read at each use.
            AppClient.Answer after = ciba(number, "urn:vn:eid:loa:2");
            assertThat(after.status()).as("level 2 asked of the old card's device: " + after.body()).isEqualTo(400);
            assertThat(after.body().path("error").asText()).isEqualTo("unknown_user_id");
            holder.rollback();
        }
        registry.awaitFeedProcessed();
        assertThat(deviceAttribute(number, "dinhdanh.device.binding.", withOldCard)).as("the old card's device").isEqualTo("session");

        removeDevices(number); // a device would make the password the second factor after a push to it
        String withNewCard = enrolFromLevelTwoLogin(number, password);
        assertThat(activeCard(number)).isNotEqualTo(oldCard).endsWith("/" + yesterday);
        assertThat(deviceAttribute(number, "dinhdanh.device.card.", withNewCard)).isEqualTo(activeCard(number));
        registry.update(number, "UPDATE citizen SET place_of_residence = 'Số 9, phường Mới, quận Thử, Hà Nội' WHERE id_number = ?");
        registry.awaitFeedProcessed();
        assertThat(deviceAttribute(number, "dinhdanh.device.binding.", withNewCard)).as("the new card's device, after the next change")
                .isEqualTo("level2_login");
        removeDevices(number);
    }

    @Test
    @DisplayName("a new card recorded between the chip and the password of a login: the device enrolled from it is bound at level 1")
    void cardReplacedDuringTheLogin() {
        String number = levelTwoHolder();
        String password = Passwords.give(server, number);
        LocalDate yesterday = LocalDate.now(CitizenRecord.CALENDAR).minusDays(1);
        AppTokens tokens = appLogin(browser -> {
            withChip(new ChipReader(server), number).accept(browser);
            registry.replaceCard(number, yesterday); // the chip read was the card replaced now
            browser.signIn(number, password);
        }, Map.of("acr_values", "urn:vn:eid:loa:2"));
        JsonNode enrolment = startWithToken(tokens).expect(201, "the enrolment");
        assertThat(enrolment.path("binding").asText()).as("what the login earned").isEqualTo("level2_login");
        assertThat(enrol(SandboxPhone.create(), enrolment).path("binding").asText()).as("the device of a replaced card")
                .isEqualTo("session");
        removeDevices(number);
    }

    /** A citizen at e-ID level 2 with a chip card valid a year more, and no device. */
    private String levelTwoHolder() {
        String number = registry.pick(ChipVerificationIT.HOLDER + " AND c.eid_level = 2");
        removeDevices(number);
        return number;
    }

    /** The app's login asking level 2, given by the chip and the password. */
    private AppTokens levelTwoLogin(String number, String password) {
        return appLogin(browser -> {
            withChip(new ChipReader(server), number).accept(browser);
            browser.signIn(number, password); // the level-2 branch's second factor: the password another way
        }, Map.of("acr_values", "urn:vn:eid:loa:2"));
    }

    /** Enrols a new phone from a {@link #levelTwoLogin}: the device's credential id in Keycloak. */
    private String enrolFromLevelTwoLogin(String number, String password) {
        JsonNode enrolment = startWithToken(levelTwoLogin(number, password)).expect(201, "the enrolment");
        assertThat(enrolment.path("binding").asText()).isEqualTo("level2_login");
        String path = "/admin/realms/dinhdanh/users/f:population-registry:" + number + "/credentials";
        Set<String> before = new HashSet<>(server.admin().get(path).findValuesAsText("id"));
        enrol(SandboxPhone.create(), enrolment);
        return server.admin().get(path).findValuesAsText("id").stream().filter(id -> !before.contains(id)).findFirst().orElseThrow();
    }

    /** The registry's active card of the citizen as devices record it: number and issue day. */
    private String activeCard(String number) {
        return registry.text("SELECT card_number || '/' || issue_date::text FROM card WHERE id_number = ? AND status = 'active'", number);
    }

    /** The citizen's user attribute {@code prefix} + {@code credentialId} (a device's binding or card), or null. */
    private String deviceAttribute(String number, String prefix, String credentialId) {
        return server.admin().get("/admin/realms/dinhdanh/users/f:population-registry:" + number).path("attributes")
                .path(prefix + credentialId).path(0).asText(null);
    }

    @Test
    @DisplayName("after a password login the device is bound at level 1 (session); in-person codes stay in_person")
    void passwordLoginBindsAtLevelOne() {
        String number = registry.pick(Registry.ALIVE);
        String password = Passwords.give(server, number);
        AppTokens token = appLogin(browser -> browser.signIn(number, password));
        JsonNode enrolment = startWithToken(token).expect(201, "the enrolment");
        assertThat(enrolment.path("binding").asText()).isEqualTo("session");
        assertThat(enrol(SandboxPhone.create(), enrolment).path("binding").asText()).isEqualTo("session");

        JsonNode byCode = app.redeem(number, app.enrolmentCode(server.admin(), number)).expect(201, "the code");
        assertThat(byCode.path("binding").asText()).isEqualTo("in_person");
    }

    @Test
    @DisplayName("chip + password (level 2), then a password re-authentication in the same session: the device is bound by the password (session)")
    void reauthenticationCountsNotTheEarlierChip() {
        String number = levelTwoHolder();
        String password = Passwords.give(server, number);
        try (Browser browser = Browser.open("vi")) {
            appLogin(browser, b -> {
                withChip(new ChipReader(server), number).accept(b);
                b.signIn(number, password);
            }, false, DpopKey.generate(), Map.of("acr_values", "urn:vn:eid:loa:2"));
            AppTokens token = appLogin(browser, b -> b.signIn(number, password), true);
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
