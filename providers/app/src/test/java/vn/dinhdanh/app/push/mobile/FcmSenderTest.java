package vn.dinhdanh.app.push.mobile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import vn.dinhdanh.app.push.PushMessage;
import vn.dinhdanh.app.push.PushTarget;

/** FCM HTTP v1 against a loopback stand-in for Google's token endpoint and FCM. */
class FcmSenderTest {

    static final String TOKEN_ANSWER = "{\"access_token\":\"ya29.first\",\"expires_in\":3599,\"token_type\":\"Bearer\"}";
    static final PushMessage MESSAGE = new PushMessage("dinhdanh", "Y3JlZGVudGlhbA", "Q0hBTExFTkdF",
            new PushTarget(PushTarget.Platform.FCM, "fcm-registration-token:APA91b"));
    static KeyPair key;

    FakePushService google;
    TestClock clock;
    HttpClient http;
    FcmSender sender;
    FcmConfig config;

    @BeforeAll
    static void keys() throws Exception {
        key = TestKeys.rsa();
    }

    @BeforeEach
    void start() {
        google = new FakePushService().answer("/token", 200, TOKEN_ANSWER);
        clock = new TestClock();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        sender = new FcmSender(http, google.url(), null, clock);
        config = new FcmConfig("vneid-test", ServiceAccount.parse(TestKeys.serviceAccount(key, google.url() + "/token")));
    }

    @AfterEach
    void stop() {
        google.close();
    }

    static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    static List<String> paths(List<FakePushService.Request> requests) {
        return requests.stream().map(FakePushService.Request::path).toList();
    }

    @Nested
    @DisplayName("the access token")
    class AccessToken {

        @Test
        @DisplayName("comes from a JWT-bearer grant: an RS256 JWT by the service account's key, for FCM's scope, to the token URI")
        void grant() throws Exception {
            sender.send(config, MESSAGE).join();

            FakePushService.Request exchange = google.next();
            assertThat(exchange.path()).isEqualTo("/token");
            assertThat(exchange.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
            Map<String, String> form = form(exchange.body());
            assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
            Jwt jwt = Jwt.parse(form.get("assertion"));
            assertThat(jwt.verifiesRs256(key.getPublic())).as("signed by the service account's key").isTrue();
            assertThat(jwt.header().path("alg").asText()).isEqualTo("RS256");
            assertThat(jwt.header().path("kid").asText()).isEqualTo("0123abcd");
            JsonNode claims = jwt.claims();
            assertThat(claims.path("iss").asText()).isEqualTo("push@vneid-test.iam.gserviceaccount.com");
            assertThat(claims.path("scope").asText()).isEqualTo("https://www.googleapis.com/auth/firebase.messaging");
            assertThat(claims.path("aud").asText()).isEqualTo(google.url() + "/token");
            assertThat(claims.path("iat").asLong()).isEqualTo(clock.instant().getEpochSecond());
            assertThat(claims.path("exp").asLong()).isEqualTo(clock.instant().getEpochSecond() + 3600);
        }

        @Test
        @DisplayName("is fetched once and reused by later pushes")
        void cached() {
            sender.send(config, MESSAGE).join();
            sender.send(config, MESSAGE).join();
            clock.advance(Duration.ofMinutes(54));
            sender.send(config, MESSAGE).join();

            assertThat(paths(google.taken())).containsExactly("/token", "/v1/projects/vneid-test/messages:send",
                    "/v1/projects/vneid-test/messages:send", "/v1/projects/vneid-test/messages:send");
        }

        @Test
        @DisplayName("is fetched again five minutes before it expires")
        void renewed() {
            google.answerOnce("/token", 200, TOKEN_ANSWER).answer("/token", 200, "{\"access_token\":\"ya29.second\",\"expires_in\":3599}");
            sender.send(config, MESSAGE).join();
            clock.advance(Duration.ofMinutes(55));
            sender.send(config, MESSAGE).join();

            List<FakePushService.Request> requests = google.taken();
            assertThat(paths(requests)).containsExactly("/token", "/v1/projects/vneid-test/messages:send",
                    "/token", "/v1/projects/vneid-test/messages:send");
            assertThat(requests.get(3).header("Authorization")).isEqualTo("Bearer ya29.second");
        }

        @Test
        @DisplayName("a refused exchange fails that push, and the next push tries again")
        void refused() {
            google.answerOnce("/token", 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}");

            assertThatThrownBy(() -> sender.send(config, MESSAGE).join()).isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(PushFailure.class).hasMessage("token endpoint answered 400 invalid_grant");
            assertThat(sender.send(config, MESSAGE).join().status()).isEqualTo(200);
            assertThat(paths(google.taken())).containsExactly("/token", "/token", "/v1/projects/vneid-test/messages:send");
        }

        @Test
        @DisplayName("fcm-token-endpoint moves the exchange, not the JWT's audience")
        void tokenEndpointOption() throws Exception {
            FcmConfig defaultTokenUri = new FcmConfig("vneid-test", ServiceAccount.parse(TestKeys.serviceAccount(key, null)));
            new FcmSender(http, google.url(), URI.create(google.url() + "/token"), clock).send(defaultTokenUri, MESSAGE).join();

            FakePushService.Request exchange = google.next();
            assertThat(exchange.path()).isEqualTo("/token");
            assertThat(Jwt.parse(form(exchange.body()).get("assertion")).claims().path("aud").asText())
                    .isEqualTo("https://oauth2.googleapis.com/token");
        }
    }

    @Nested
    @DisplayName("the message")
    class Message {

        @Test
        @DisplayName("is POSTed to messages:send of the realm's project with the access token")
        void request() throws Exception {
            PushResult result = sender.send(config, MESSAGE).join();

            google.next();
            FakePushService.Request send = google.next();
            assertThat(result).isEqualTo(new PushResult(200, null));
            assertThat(send.method()).isEqualTo("POST");
            assertThat(send.path()).isEqualTo("/v1/projects/vneid-test/messages:send");
            assertThat(send.header("Authorization")).isEqualTo("Bearer ya29.first");
            assertThat(send.header("Content-Type")).startsWith("application/json");
        }

        @Test
        @DisplayName("carries the device's token, the three ids as data, high priority and a 120 s TTL; nothing else")
        void body() throws Exception {
            sender.send(config, MESSAGE).join();

            google.next();
            JsonNode body = Json.read(google.next().body());
            assertThat(body).isEqualTo(Json.read("""
                    {"message": {"token": "fcm-registration-token:APA91b",
                                 "data": {"realm": "dinhdanh", "challengeId": "Q0hBTExFTkdF", "credentialId": "Y3JlZGVudGlhbA"},
                                 "android": {"priority": "HIGH", "ttl": "120s"}}}
                    """));
        }

        @Test
        @DisplayName("a 401 drops the access token, fetches a new one and sends once more")
        void unauthorized() {
            google.answerOnce("/token", 200, TOKEN_ANSWER).answer("/token", 200, "{\"access_token\":\"ya29.second\",\"expires_in\":3599}")
                    .answerOnce("/v1/", 401, "{\"error\":{\"code\":401,\"status\":\"UNAUTHENTICATED\"}}");

            PushResult result = sender.send(config, MESSAGE).join();

            List<FakePushService.Request> requests = google.taken();
            assertThat(result.status()).isEqualTo(200);
            assertThat(paths(requests)).containsExactly("/token", "/v1/projects/vneid-test/messages:send",
                    "/token", "/v1/projects/vneid-test/messages:send");
            assertThat(requests.get(1).header("Authorization")).isEqualTo("Bearer ya29.first");
            assertThat(requests.get(3).header("Authorization")).isEqualTo("Bearer ya29.second");
        }

        @Test
        @DisplayName("a second 401 is the outcome: one retry, no loop")
        void unauthorizedTwice() {
            google.answer("/v1/", 401, "{\"error\":{\"code\":401,\"status\":\"UNAUTHENTICATED\"}}");

            assertThat(sender.send(config, MESSAGE).join()).isEqualTo(new PushResult(401, "UNAUTHENTICATED"));
            assertThat(google.taken()).hasSize(4);
        }

        @Test
        @DisplayName("a refusal's outcome is FCM's error code")
        void unregistered() {
            google.answer("/v1/", 404, """
                    {"error": {"code": 404, "message": "Requested entity was not found.", "status": "NOT_FOUND",
                               "details": [{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode": "UNREGISTERED"}]}}
                    """);

            assertThat(sender.send(config, MESSAGE).join()).isEqualTo(new PushResult(404, "UNREGISTERED"));
        }
    }
}
