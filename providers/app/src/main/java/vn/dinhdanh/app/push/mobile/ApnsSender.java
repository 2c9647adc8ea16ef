package vn.dinhdanh.app.push.mobile;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import vn.dinhdanh.app.push.PushMessage;

/**
 * APNs with token-based auth: an ES256 provider token (kid = key id, iss = team id, iat) reused for 50 minutes per
 * key (Apple refuses renewals more often than every 20 minutes and tokens older than 60), then
 * {@code POST /3/device/{token}} over HTTP/2 with an alert the app localises ({@code VNEID_LOGIN_REQUEST}).
 */
final class ApnsSender {

    static final String PRODUCTION = "https://api.push.apple.com";
    static final String DEVELOPMENT = "https://api.sandbox.push.apple.com";
    static final Duration TOKEN_REUSE = Duration.ofMinutes(50);
    static final Duration EXPIRATION = Duration.ofSeconds(120);
    private static final Pattern DEVICE_TOKEN = Pattern.compile("[0-9A-Fa-f]{16,200}");

    private final HttpClient http;
    private final String endpoint;
    private final Clock clock;
    private final Map<ApnsConfig.ProviderKey, ProviderToken> tokens = new ConcurrentHashMap<>();

    /** @param endpoint APNs' base URL, no trailing slash; null: Apple's for the realm's environment */
    ApnsSender(HttpClient http, String endpoint, Clock clock) {
        this.http = http;
        this.endpoint = endpoint;
        this.clock = clock;
    }

    CompletableFuture<PushResult> send(ApnsConfig config, PushMessage message) {
        String deviceToken = message.target().token();
        if (!DEVICE_TOKEN.matcher(deviceToken).matches()) {
            return CompletableFuture.failedFuture(new PushFailure("the device token is not an APNs token (hex)"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("aps", Map.of("alert", Map.of("loc-key", "VNEID_LOGIN_REQUEST"), "sound", "default"));
        body.put("realm", message.realm());
        body.put("challengeId", message.challengeId());
        body.put("credentialId", message.credentialId());
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint(config) + "/3/device/" + deviceToken))
                .version(HttpClient.Version.HTTP_2)
                .timeout(FcmSender.TIMEOUT)
                .header("authorization", "bearer " + providerToken(config.key()))
                .header("apns-topic", config.topic())
                .header("apns-push-type", "alert")
                .header("apns-priority", "10")
                .header("apns-expiration", String.valueOf(clock.instant().plus(EXPIRATION).getEpochSecond()))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> new PushResult(response.statusCode(),
                response.statusCode() == 200 ? null : Json.read(response.body()).path("reason").asText(null)));
    }

    /** The option's endpoint, else Apple's for the realm's environment. */
    String endpoint(ApnsConfig config) {
        return endpoint != null ? endpoint : config.production() ? PRODUCTION : DEVELOPMENT;
    }

    /** The key's provider token, signed anew once the last is 50 minutes old. */
    private String providerToken(ApnsConfig.ProviderKey key) {
        Instant now = clock.instant();
        return tokens.compute(key, (k, token) -> token != null && token.issuedAt().plus(TOKEN_REUSE).isAfter(now) ? token
                : new ProviderToken(Jwts.es256(k.privateKey(), k.keyId(), Map.of("iss", k.teamId(), "iat", now.getEpochSecond())), now)).jwt();
    }

    private record ProviderToken(String jwt, Instant issuedAt) {

        @Override
        public String toString() {
            return "ProviderToken[issued " + issuedAt + "]";
        }
    }
}
