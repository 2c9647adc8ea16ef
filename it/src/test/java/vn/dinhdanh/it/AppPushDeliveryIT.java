package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.PublicPortal;
import vn.dinhdanh.it.support.Registry;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.sandbox.LocalHttp;
import vn.dinhdanh.sandbox.SandboxSecrets;
import vn.dinhdanh.sandbox.app.AppClient;
import vn.dinhdanh.sandbox.app.SandboxPhone;

/**
 * A push that really leaves the server: the realm configured for FCM (realm attributes, the service account's
 * key in Keycloak's file vault), the app's registered FCM token, and Google's service played on loopback. A
 * relying party's CIBA request wakes the phone through FCM HTTP v1 (OAuth2 JWT-bearer token first); the push
 * names the challenge, the app fetches and approves it.
 */
@ExtendWith(DinhdanhServerExtension.class)
class AppPushDeliveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerUnderTest server;
    private Registry registry;
    private AppClient app;
    private HttpServer fcm;
    private final CompletableFuture<String> tokenRequest = new CompletableFuture<>();
    private final CompletableFuture<String[]> message = new CompletableFuture<>();

    @BeforeEach
    void setUp(ServerUnderTest server) throws Exception {
        this.server = server;
        this.registry = new Registry(server);
        this.app = new AppClient(server.realmUrl());
        fcm = HttpServer.create(new InetSocketAddress("127.0.0.1", server.pushGatewayPort()), 0);
        fcm.createContext("/token", exchange -> {
            tokenRequest.complete(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            answer(exchange, "{\"access_token\":\"ya29.test-access\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
        });
        fcm.createContext("/v1/", exchange -> {
            message.complete(new String[] {exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Authorization"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
            answer(exchange, "{\"name\":\"projects/dinhdanh-test/messages/1\"}");
        });
        fcm.start();
    }

    @AfterEach
    void tearDown() {
        fcm.stop(0);
        setRealmAttributes("", ""); // FCM off again for the other tests (a platform with no attributes is off)
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** As the admin console does: the whole realm back, with these two attributes changed. */
    private void setRealmAttributes(String project, String serviceAccount) {
        ObjectNode realm = (ObjectNode) server.admin().get("/admin/realms/dinhdanh");
        realm.with("attributes").put("dinhdanh.push.fcm.project-id", project).put("dinhdanh.push.fcm.service-account", serviceAccount);
        assertThat(server.admin().put("/admin/realms/dinhdanh", realm)).isEqualTo(204);
    }

    /** A Google service-account key file with a key made here, its token URI Google's stand-in. */
    private KeyPair configureFcm() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair keys = rsa.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        ObjectNode account = JSON.createObjectNode().put("type", "service_account").put("client_email", "push@dinhdanh-test.iam.example")
                .put("private_key_id", "k1").put("private_key", pem)
                .put("token_uri", "http://127.0.0.1:" + server.pushGatewayPort() + "/token");
        Path secret = server.vaultDirectory().resolve("dinhdanh_fcm-service-account");
        Files.writeString(secret, account.toString());
        setRealmAttributes("dinhdanh-test", "${vault.fcm-service-account}");
        return keys;
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer post(String path, Map<String, String> form) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("bank-call-centre:" + server.relyingParties().bankCallCentreSecret())
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = LocalHttp.client().send(HttpRequest.newBuilder(URI.create(server.realmUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(PublicPortal.form(form)))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    @Test
    @DisplayName("a CIBA request reaches the phone through FCM HTTP v1 (service-account token first); the app approves what the push names")
    void pushThroughFcm() throws Exception {
        KeyPair serviceAccount = configureFcm();
        String number = registry.pick(Registry.ALIVE);
        SandboxPhone phone = SandboxPhone.create();
        app.enrol(phone, number, app.enrolmentCode(server.admin(), number), "phone");
        String fcmToken = "fcm-" + SandboxSecrets.random();
        assertThat(app.registerPushToken(phone, number, "fcm", fcmToken).status()).isEqualTo(204);

        Answer asked = post("/protocol/openid-connect/ext/ciba/auth",
                Map.of("scope", "openid", "login_hint", number, "binding_message", "PUSH-1"));
        assertThat(asked.status()).as(asked.body().toString()).isEqualTo(200);

        String grant = tokenRequest.get(20, TimeUnit.SECONDS);
        Map<String, String> form = java.util.Arrays.stream(grant.split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
        assertThat(form.get("grant_type")).isEqualTo("urn:ietf:params:oauth:grant-type:jwt-bearer");
        SignedJWT assertion = SignedJWT.parse(form.get("assertion"));
        assertThat(assertion.verify(new RSASSAVerifier((RSAPublicKey) serviceAccount.getPublic()))).isTrue();
        assertThat(assertion.getJWTClaimsSet().getIssuer()).isEqualTo("push@dinhdanh-test.iam.example");

        String[] sent = message.get(20, TimeUnit.SECONDS);
        assertThat(sent[0]).isEqualTo("/v1/projects/dinhdanh-test/messages:send");
        assertThat(sent[1]).isEqualTo("Bearer ya29.test-access");
        JsonNode pushed = JSON.readTree(sent[2]).path("message");
        assertThat(pushed.path("token").asText()).isEqualTo(fcmToken);
        assertThat(sent[2]).as("no personal data in a push").doesNotContain(number).doesNotContain("PUSH-1");

        JsonNode challenge = app.pending(phone, number).expect(200, "pending").path("challenges").get(0);
        assertThat(challenge.path("challengeId").asText()).isEqualTo(pushed.path("data").path("challengeId").asText());
        assertThat(app.decide(phone, challenge, true, 0).body().path("decision").asText())
                .isEqualTo("approved");
        assertThat(server.log()).doesNotContain(fcmToken);
    }

    @Test
    @DisplayName("registering a push token: another citizen's device, an unknown platform and a bad APNs token are refused")
    void registrationRefusals() {
        String number = registry.pick(Registry.ALIVE);
        SandboxPhone phone = SandboxPhone.create();
        app.enrol(phone, number, app.enrolmentCode(server.admin(), number), "phone");
        String other = registry.pick(Registry.ALIVE);
        assertThat(app.registerPushToken(phone, other, "fcm", "t").body().path("error").asText()).isEqualTo("device_unknown");
        assertThat(app.registerPushToken(phone, number, "sms", "t").body().path("error").asText()).isEqualTo("invalid_request");
        assertThat(app.registerPushToken(phone, number, "apns", "not-hex").body().path("error").asText()).isEqualTo("invalid_request");
        assertThat(app.registerPushToken(phone, number, "apns", "ab".repeat(32)).status()).isEqualTo(204);
    }
}
