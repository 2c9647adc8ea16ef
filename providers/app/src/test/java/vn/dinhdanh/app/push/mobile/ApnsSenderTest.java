package vn.dinhdanh.app.push.mobile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import vn.dinhdanh.app.push.PushMessage;
import vn.dinhdanh.app.push.PushTarget;

/** APNs with token-based auth against a loopback stand-in (HTTP/1.1 there: the client falls back from HTTP/2). */
class ApnsSenderTest {

    static final String DEVICE = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
    static final PushMessage MESSAGE = new PushMessage("dinhdanh", "Y3JlZGVudGlhbA", "Q0hBTExFTkdF",
            new PushTarget(PushTarget.Platform.APNS, DEVICE));
    static KeyPair key;

    FakePushService apple;
    TestClock clock;
    ApnsSender sender;
    ApnsConfig config;

    @BeforeAll
    static void keys() throws Exception {
        key = TestKeys.p256();
    }

    @BeforeEach
    void start() {
        apple = new FakePushService();
        clock = new TestClock();
        sender = new ApnsSender(HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build(), apple.url(), clock);
        config = new ApnsConfig(new ApnsConfig.ProviderKey("TEAM123456", "KEY7654321", key.getPrivate()), "vn.gov.vneid", true);
    }

    @AfterEach
    void stop() {
        apple.close();
    }

    @Nested
    @DisplayName("the notification")
    class Notification {

        @Test
        @DisplayName("is POSTed to /3/device/{token} with the topic, an alert at priority 10 and a 120 s expiry")
        void request() throws Exception {
            PushResult result = sender.send(config, MESSAGE).join();

            FakePushService.Request push = apple.next();
            assertThat(result).isEqualTo(new PushResult(200, null));
            assertThat(push.method()).isEqualTo("POST");
            assertThat(push.path()).isEqualTo("/3/device/" + DEVICE);
            assertThat(push.header("authorization")).startsWith("bearer ");
            assertThat(push.header("apns-topic")).isEqualTo("vn.gov.vneid");
            assertThat(push.header("apns-push-type")).isEqualTo("alert");
            assertThat(push.header("apns-priority")).isEqualTo("10");
            assertThat(push.header("apns-expiration")).isEqualTo(String.valueOf(clock.instant().getEpochSecond() + 120));
        }

        @Test
        @DisplayName("carries an alert the app localises and the three ids; no personal data")
        void body() throws Exception {
            sender.send(config, MESSAGE).join();

            assertThat(Json.read(apple.next().body())).isEqualTo(Json.read("""
                    {"aps": {"alert": {"loc-key": "VNEID_LOGIN_REQUEST"}, "sound": "default"},
                     "realm": "dinhdanh", "challengeId": "Q0hBTExFTkdF", "credentialId": "Y3JlZGVudGlhbA"}
                    """));
        }

        @Test
        @DisplayName("a refusal's outcome is Apple's reason")
        void refused() {
            apple.answer("/3/device/", 410, "{\"reason\":\"Unregistered\",\"timestamp\":1764000000000}");

            assertThat(sender.send(config, MESSAGE).join()).isEqualTo(new PushResult(410, "Unregistered"));
        }

        @Test
        @DisplayName("a token that is not an APNs token (hex) is not sent: it would land in the path")
        void notHex() {
            PushMessage odd = new PushMessage("dinhdanh", "x", "y", new PushTarget(PushTarget.Platform.APNS, "../../other?x=1"));

            assertThatThrownBy(() -> sender.send(config, odd).join()).isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(PushFailure.class);
            assertThat(apple.taken()).isEmpty();
        }

        @Test
        @DisplayName("without the apns-endpoint option, the realm's environment picks Apple's host")
        void environment() {
            ApnsSender apple = new ApnsSender(null, null, clock);

            assertThat(apple.endpoint(config)).isEqualTo("https://api.push.apple.com");
            assertThat(apple.endpoint(new ApnsConfig(config.key(), config.topic(), false))).isEqualTo("https://api.sandbox.push.apple.com");
        }
    }

    @Nested
    @DisplayName("the provider token")
    class ProviderToken {

        @Test
        @DisplayName("is ES256 by the .p8 key, in JOSE form (R‖S, 64 bytes), with kid = key id, iss = team id, iat")
        void signed() throws Exception {
            sender.send(config, MESSAGE).join();

            Jwt jwt = Jwt.parse(apple.next().header("authorization").substring("bearer ".length()));
            assertThat(jwt.signature()).as("JOSE, not DER").hasSize(64);
            assertThat(jwt.verifiesEs256(key.getPublic())).isTrue();
            assertThat(jwt.header().path("alg").asText()).isEqualTo("ES256");
            assertThat(jwt.header().path("kid").asText()).isEqualTo("KEY7654321");
            JsonNode claims = jwt.claims();
            assertThat(claims.path("iss").asText()).isEqualTo("TEAM123456");
            assertThat(claims.path("iat").asLong()).isEqualTo(clock.instant().getEpochSecond());
        }

        @Test
        @DisplayName("is reused for 50 minutes, then signed anew")
        void reused() throws Exception {
            long issued = clock.instant().getEpochSecond();
            sender.send(config, MESSAGE).join();
            clock.advance(Duration.ofMinutes(49));
            sender.send(config, MESSAGE).join();
            clock.advance(Duration.ofMinutes(1));
            sender.send(config, MESSAGE).join();

            List<String> tokens = apple.taken().stream().map(request -> request.header("authorization")).toList();
            assertThat(tokens.get(1)).isEqualTo(tokens.get(0));
            assertThat(tokens.get(2)).isNotEqualTo(tokens.get(0));
            assertThat(Jwt.parse(tokens.get(2).substring(7)).claims().path("iat").asLong()).isEqualTo(issued + 50 * 60);
        }

        @Test
        @DisplayName("belongs to its key: another key (another realm's) gets its own")
        void perKey() throws Exception {
            KeyPair other = TestKeys.p256();
            sender.send(config, MESSAGE).join();
            sender.send(new ApnsConfig(new ApnsConfig.ProviderKey("TEAM123456", "KEY7654321", other.getPrivate()), "vn.gov.vneid", true),
                    MESSAGE).join();

            List<FakePushService.Request> requests = apple.taken();
            assertThat(Jwt.parse(requests.get(1).header("authorization").substring(7)).verifiesEs256(other.getPublic())).isTrue();
        }
    }
}
