package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.dinhdanh.it.support.Citizen;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.PublicPortal;
import vn.dinhdanh.it.support.Registry;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.sandbox.LocalHttp;
import vn.dinhdanh.sandbox.SandboxSecrets;
import vn.dinhdanh.sandbox.app.AppClient;

/**
 * CIBA with the VNeID app as Keycloak's authentication channel: a bank call centre asks for a caller by ID
 * number with a binding message, the citizen's app shows it and approves (or denies); the relying party gets
 * tokens by polling, or is pinged first. Keycloak's own CIBA endpoints, the sample client of the realm file.
 */
@ExtendWith(DinhdanhServerExtension.class)
class AppCibaIT {

    private static final String CIBA_GRANT = "urn:openid:params:grant-type:ciba";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = LocalHttp.builder().connectTimeout(Duration.ofSeconds(5)).build();
    private ServerUnderTest server;
    private Registry registry;
    private AppClient app;

    @BeforeEach
    void setUp(ServerUnderTest server) {
        this.server = server;
        this.registry = new Registry(server);
        this.app = new AppClient(server.realmUrl());
    }

    /** A citizen at e-ID level 2 with a phone enrolled in person: one approval can give the level 2 asked. */
    private Citizen enrolled() {
        String number = registry.pick(Registry.ALIVE + " AND c.eid_level = 2");
        return new Citizen(number, app.enrolNewPhone(server.admin(), number));
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer post(String path, String clientId, String secret, Map<String, String> form) {
        String body = PublicPortal.form(form);
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.realmUrl() + path))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The call centre's backchannel authentication request. */
    private Answer ask(String clientId, String secret, String loginHint, String bindingMessage, String notificationToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("scope", "openid");
        form.put("login_hint", loginHint);
        form.put("binding_message", bindingMessage);
        form.put("acr_values", "urn:vn:eid:loa:2");
        if (notificationToken != null) {
            form.put("client_notification_token", notificationToken);
        }
        return post("/protocol/openid-connect/ext/ciba/auth", clientId, secret, form);
    }

    private Answer token(String clientId, String secret, String authReqId) {
        return post("/protocol/openid-connect/token", clientId, secret, Map.of("grant_type", CIBA_GRANT, "auth_req_id", authReqId));
    }

    private String secret() {
        return server.relyingParties().bankCallCentreSecret();
    }

    private AppClient.Answer decide(Citizen citizen, JsonNode challenge, boolean approve) {
        return app.decide(citizen.phone(), challenge, approve, 0);
    }

    @Test
    @DisplayName("poll mode: pending until the app approves the binding message, then tokens for that citizen; a replay is refused")
    void pollApproved() throws Exception {
        Citizen citizen = enrolled();
        Answer asked = ask("bank-call-centre", secret(), citizen.number(), "VCB-4821", null);
        assertThat(asked.status()).as(asked.body().toString()).isEqualTo(200);
        String authReqId = asked.body().path("auth_req_id").asText();
        assertThat(asked.body().path("expires_in").asInt()).isPositive();

        Answer early = token("bank-call-centre", secret(), authReqId);
        assertThat(early.status()).isEqualTo(400);
        assertThat(early.body().path("error").asText()).isEqualTo("authorization_pending");

        JsonNode challenge = citizen.onlyPending(app);
        assertThat(challenge.path("kind").asText()).isEqualTo("ciba");
        assertThat(challenge.path("bindingMessage").asText()).isEqualTo("VCB-4821");
        assertThat(challenge.path("acrValues").asText()).as("the level asked for, shown in the app").isEqualTo("urn:vn:eid:loa:2");
        assertThat(challenge.path("client").asText()).contains("Tổng đài ngân hàng");
        assertThat(challenge.path("choices")).isEmpty();
        assertThat(decide(citizen, challenge, true).body().path("decision").asText()).isEqualTo("approved");

        Thread.sleep(2_100); // the realm's polling interval: asking sooner is slow_down
        Answer tokens = token("bank-call-centre", secret(), authReqId);
        assertThat(tokens.status()).as(tokens.body().toString()).isEqualTo(200);
        // Pairwise (a client without redirect URIs is a sector of its own), never the ID number.
        var idToken = SignedJWT.parse(tokens.body().path("id_token").asText()).getJWTClaimsSet();
        assertThat(idToken.getSubject()).isEqualTo(vn.dinhdanh.it.support.Pairwise.subject("client:bank-call-centre",
                vn.dinhdanh.it.support.Pairwise.citizenUserId(citizen.number()), server.relyingParties().pairwiseSalt()));
        assertThat(idToken.getStringClaim("acr")).as("the level the approval earned (Keycloak's CIBA grant records none)")
                .isEqualTo("urn:vn:eid:loa:2");
        assertThat(idToken.getStringListClaim("amr")).containsExactly("hwk", "mfa");

        AppClient.Answer replay = decide(citizen, challenge, true);
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.body().path("error").asText()).isEqualTo("challenge_unknown");
    }

    @Test
    @DisplayName("level 2 asked of a citizen whose record is at e-ID level 1: refused before any push, as an unknown number")
    void levelTwoNotReachable() {
        String number = registry.pick(Registry.ALIVE + " AND c.eid_level = 1");
        Citizen citizen = new Citizen(number, app.enrolNewPhone(server.admin(), number));
        Answer asked = ask("bank-call-centre", secret(), citizen.number(), "VCB-0002", null);
        assertThat(asked.status()).isEqualTo(400);
        assertThat(asked.body()).as("the same answer as for a number nobody has").isEqualTo(unknownNumber().body());
        assertThat(app.pending(citizen.phone(), citizen.number()).expect(200, "pending").path("challenges")).as("nothing pushed").isEmpty();
    }

    /** A request for a number nobody has: Keycloak's answer as the relying party sees it. */
    private Answer unknownNumber() {
        return ask("bank-call-centre", secret(), "000000000000", "VCB-1", null);
    }

    @Test
    @DisplayName("a client whose minimum ACR is loa:2 and that sends no acr_values asks level 2: refused for a level-1 device, loa:2 from a level-2 one")
    void clientMinimumLevel() throws Exception {
        String secret = SandboxSecrets.random();
        String clientId = "bank-minimum-" + Long.toHexString(System.nanoTime());
        ObjectNode client = JSON.createObjectNode().put("clientId", clientId).put("secret", secret).put("publicClient", false)
                .put("standardFlowEnabled", false);
        client.putObject("attributes").put("oidc.ciba.grant.enabled", "true").put("dinhdanh.purpose", "Xác minh người gọi")
                .put("ciba.backchannel.token.delivery.mode", "poll")
                .put("minimum.acr.value", "urn:vn:eid:loa:2");
        server.admin().post("/admin/realms/dinhdanh/clients", client, Duration.ofSeconds(30));

        String levelOne = registry.pick(Registry.ALIVE + " AND c.eid_level = 1");
        app.enrolNewPhone(server.admin(), levelOne);
        Answer refused = post("/protocol/openid-connect/ext/ciba/auth", clientId, secret,
                Map.of("scope", "openid", "login_hint", levelOne, "binding_message", "MIN-1"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("error").asText()).isEqualTo("unknown_user_id");

        Citizen citizen = enrolled();
        Answer asked = post("/protocol/openid-connect/ext/ciba/auth", clientId, secret,
                Map.of("scope", "openid", "login_hint", citizen.number(), "binding_message", "MIN-2"));
        assertThat(asked.status()).as(asked.body().toString()).isEqualTo(200);
        JsonNode challenge = citizen.onlyPending(app);
        assertThat(challenge.path("acrValues").asText()).as("the client's minimum, shown in the app").isEqualTo("urn:vn:eid:loa:2");
        assertThat(decide(citizen, challenge, true).body().path("decision").asText()).isEqualTo("approved");
        Thread.sleep(2_100);
        Answer tokens = token(clientId, secret, asked.body().path("auth_req_id").asText());
        assertThat(tokens.status()).as(tokens.body().toString()).isEqualTo(200);
        assertThat(SignedJWT.parse(tokens.body().path("id_token").asText()).getJWTClaimsSet().getStringClaim("acr"))
                .isEqualTo("urn:vn:eid:loa:2");
    }

    @Test
    @DisplayName("number matching: the caller's match_number is among three in the app; the right pick approves, a wrong one denies")
    void numberMatching() throws Exception {
        Citizen citizen = enrolled();
        Map<String, String> form = new LinkedHashMap<>(Map.of("scope", "openid", "login_hint", citizen.number(),
                "binding_message", "VCB-4242", "acr_values", "urn:vn:eid:loa:2", "match_number", "42"));
        Answer asked = post("/protocol/openid-connect/ext/ciba/auth", "bank-call-centre", secret(), form);
        assertThat(asked.status()).as(asked.body().toString()).isEqualTo(200);
        JsonNode challenge = citizen.onlyPending(app);
        assertThat(challenge.path("choices")).hasSize(3);
        assertThat(challenge.path("choices").toString()).contains("42");
        int wrong = 0;
        for (JsonNode choice : challenge.path("choices")) {
            if (choice.asInt() != 42) {
                wrong = choice.asInt();
            }
        }
        assertThat(app.decide(citizen.phone(), challenge, true, wrong).body().path("decision").asText()).isEqualTo("wrong_number");
        Thread.sleep(2_100);
        assertThat(token("bank-call-centre", secret(), asked.body().path("auth_req_id").asText()).body().path("error").asText())
                .isEqualTo("access_denied");

        Answer again = post("/protocol/openid-connect/ext/ciba/auth", "bank-call-centre", secret(),
                new LinkedHashMap<>(Map.of("scope", "openid", "login_hint", citizen.number(), "binding_message", "VCB-4243",
                        "match_number", "57")));
        JsonNode second = citizen.onlyPending(app);
        assertThat(app.decide(citizen.phone(), second, true, 57).body().path("decision").asText()).isEqualTo("approved");
        Thread.sleep(2_100);
        assertThat(token("bank-call-centre", secret(), again.body().path("auth_req_id").asText()).status()).isEqualTo(200);

        Answer bad = post("/protocol/openid-connect/ext/ciba/auth", "bank-call-centre", secret(),
                Map.of("scope", "openid", "login_hint", citizen.number(), "binding_message", "VCB-4244", "match_number", "7"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    @DisplayName("a client over its quota of requests a minute gets 429 slow_down, before any number is looked up")
    void clientQuota() {
        String secret = SandboxSecrets.random();
        String clientId = "bank-quota-" + Long.toHexString(System.nanoTime());
        ObjectNode client = JSON.createObjectNode().put("clientId", clientId).put("secret", secret).put("publicClient", false)
                .put("standardFlowEnabled", false);
        client.putObject("attributes").put("oidc.ciba.grant.enabled", "true").put("dinhdanh.purpose", "Xác minh người gọi")
                .put("ciba.backchannel.token.delivery.mode", "poll");
        server.admin().post("/admin/realms/dinhdanh/clients", client, Duration.ofSeconds(30));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 61; i++) {
            statuses.add(ask(clientId, secret, String.format(Locale.ROOT, "0000000%05d", i), "Q-" + i, null).status());
        }
        assertThat(statuses.subList(0, 60)).as("unknown numbers, within the quota").containsOnly(400);
        Answer over = ask(clientId, secret, "000000000000", "Q-61", null);
        assertThat(over.status()).isEqualTo(429);
        assertThat(over.body().path("error").asText()).isEqualTo("slow_down");
        assertThat(ask("bank-call-centre", secret(), "000000000000", "Q-X", null).status()).as("another client's quota").isEqualTo(400);
    }

    @Test
    @DisplayName("poll mode: the citizen denies in the app, the relying party gets access_denied")
    void pollDenied() {
        Citizen citizen = enrolled();
        String authReqId = ask("bank-call-centre", secret(), citizen.number(), "VCB-0001", null).body().path("auth_req_id").asText();
        assertThat(decide(citizen, citizen.onlyPending(app), false).body().path("decision").asText()).isEqualTo("denied");
        Answer tokens = token("bank-call-centre", secret(), authReqId);
        assertThat(tokens.status()).isEqualTo(400);
        assertThat(tokens.body().path("error").asText()).isEqualTo("access_denied");
    }

    @Test
    @DisplayName("ping mode: on approval the relying party's notification endpoint gets its token and auth_req_id, then tokens")
    void ping() throws Exception {
        Citizen citizen = enrolled();
        String secret = SandboxSecrets.random();
        CompletableFuture<String[]> notified = new CompletableFuture<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/ciba", exchange -> {
            notified.complete(new String[] {exchange.getRequestHeaders().getFirst("Authorization"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String clientId = "bank-call-centre-ping-" + Long.toHexString(System.nanoTime());
        try {
            ObjectNode client = JSON.createObjectNode().put("clientId", clientId).put("secret", secret).put("publicClient", false)
                    .put("standardFlowEnabled", false);
            client.putObject("attributes").put("oidc.ciba.grant.enabled", "true").put("dinhdanh.purpose", "Xác minh người gọi").put("ciba.backchannel.token.delivery.mode", "ping")
                    .put("ciba.backchannel.client.notification.endpoint", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/ciba");
            server.admin().post("/admin/realms/dinhdanh/clients", client, Duration.ofSeconds(30));

            String notificationToken = SandboxSecrets.random();
            Answer asked = ask(clientId, secret, citizen.number(), "PING-1", notificationToken);
            assertThat(asked.status()).as(asked.body().toString()).isEqualTo(200);
            String authReqId = asked.body().path("auth_req_id").asText();
            assertThat(decide(citizen, citizen.onlyPending(app), true).body().path("decision").asText()).isEqualTo("approved");

            String[] ping = notified.get(10, TimeUnit.SECONDS);
            assertThat(ping[0]).isEqualTo("Bearer " + notificationToken);
            assertThat(JSON.readTree(ping[1]).path("auth_req_id").asText()).isEqualTo(authReqId);
            Answer tokens = token(clientId, secret, authReqId);
            assertThat(tokens.status()).as(tokens.body().toString()).isEqualTo(200);
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    @DisplayName("an unknown ID number, a citizen without a device, a disabled one: one answer, unknown_user_id; a bad binding message: refused before any push")
    void refusals() {
        Answer unknown = unknownNumber();
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("error").asText()).isEqualTo("unknown_user_id");
        Answer notANumber = ask("bank-call-centre", secret(), "someone@example.org", "VCB-1", null);
        assertThat(notANumber.body()).isEqualTo(unknown.body());

        String withoutDevice = registry.pick(Registry.ALIVE);
        Answer noDevice = ask("bank-call-centre", secret(), withoutDevice, "VCB-1", null);
        assertThat(noDevice.status()).isEqualTo(400);
        assertThat(noDevice.body()).as("the same answer: nobody learns who has the app").isEqualTo(unknown.body());

        Citizen citizen = enrolled();
        Answer badMessage = ask("bank-call-centre", secret(), citizen.number(), "có dấu cách", null);
        assertThat(badMessage.status()).isEqualTo(400);
        assertThat(badMessage.body().path("error").asText()).isEqualTo("invalid_binding_message");
        assertThat(app.pending(citizen.phone(), citizen.number()).expect(200, "pending").path("challenges")).isEmpty();
    }
}
