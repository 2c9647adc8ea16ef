package vn.dinhdanh.app.push.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import vn.dinhdanh.app.push.PushMessage;

/**
 * FCM HTTP v1: an OAuth2 access token for the service account (JWT-bearer grant, cached per account until five
 * minutes before it expires), then {@code POST /v1/projects/{project}/messages:send}. A 401 drops the cached token
 * and tries once more with a new one.
 */
final class FcmSender {

    static final String ENDPOINT = "https://fcm.googleapis.com";
    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private final HttpClient http;
    private final String endpoint;
    private final URI tokenEndpoint;
    private final Clock clock;
    private final Map<ServiceAccount, CachedToken> tokens = new ConcurrentHashMap<>();

    /**
     * @param endpoint FCM's base URL, no trailing slash
     * @param tokenEndpoint where to exchange the JWT; null: the service account's {@code token_uri} (which stays its audience)
     */
    FcmSender(HttpClient http, String endpoint, URI tokenEndpoint, Clock clock) {
        this.http = http;
        this.endpoint = endpoint;
        this.tokenEndpoint = tokenEndpoint;
        this.clock = clock;
    }

    CompletableFuture<PushResult> send(FcmConfig config, PushMessage message) {
        return attempt(config, message, false);
    }

    private CompletableFuture<PushResult> attempt(FcmConfig config, PushMessage message, boolean retry) {
        CachedToken cached = token(config.account());
        return cached.token()
                .thenCompose(token -> http.sendAsync(request(config, message, token), HttpResponse.BodyHandlers.ofString()))
                .thenCompose(response -> {
                    if (response.statusCode() == 401 && !retry) {
                        tokens.remove(config.account(), cached);
                        return attempt(config, message, true);
                    }
                    return CompletableFuture.completedFuture(new PushResult(response.statusCode(), reason(response)));
                });
    }

    private HttpRequest request(FcmConfig config, PushMessage message, AccessToken token) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("realm", message.realm());
        data.put("challengeId", message.challengeId());
        data.put("credentialId", message.credentialId());
        Map<String, Object> push = new LinkedHashMap<>();
        push.put("token", message.target().token());
        push.put("data", data);
        push.put("android", Map.of("priority", "HIGH", "ttl", "120s"));
        return HttpRequest.newBuilder(URI.create(endpoint + "/v1/projects/" + config.projectId() + "/messages:send"))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token.value())
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("message", push))))
                .build();
    }

    /** The account's token: the cached one, one being fetched, or a new exchange. */
    private CachedToken token(ServiceAccount account) {
        Instant now = clock.instant();
        return tokens.compute(account, (key, cached) -> cached != null && cached.usable(now) ? cached : new CachedToken(exchange(account)));
    }

    private CompletableFuture<AccessToken> exchange(ServiceAccount account) {
        Instant now = clock.instant();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", account.clientEmail());
        claims.put("scope", SCOPE);
        claims.put("aud", account.tokenUri().toString());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(Duration.ofHours(1)).getEpochSecond());
        String assertion;
        try {
            assertion = Jwts.rs256(account.privateKey(), account.privateKeyId(), claims);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new PushFailure("the service account's key cannot sign"));
        }
        String form = "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&assertion=" + URLEncoder.encode(assertion, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint != null ? tokenEndpoint : account.tokenUri())
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            JsonNode body = Json.read(response.body());
            String token = body.path("access_token").asText("");
            if (response.statusCode() != 200 || token.isBlank()) {
                throw new PushFailure("token endpoint answered " + response.statusCode() + " " + body.path("error").asText(""));
            }
            return new AccessToken(token, clock.instant().plusSeconds(body.path("expires_in").asLong(0)));
        });
    }

    /** FCM's error code ({@code UNREGISTERED}, {@code INVALID_ARGUMENT}, …), nothing of its message. */
    private static String reason(HttpResponse<String> response) {
        if (response.statusCode() / 100 == 2) {
            return null;
        }
        JsonNode error = Json.read(response.body()).path("error");
        for (JsonNode detail : error.path("details")) {
            if (detail.hasNonNull("errorCode")) {
                return detail.get("errorCode").asText();
            }
        }
        return error.path("status").asText(null);
    }

    private record AccessToken(String value, Instant expiresAt) {

        @Override
        public String toString() {
            return "AccessToken[expires " + expiresAt + "]";
        }
    }

    /** A token exchange, done or under way; a failed one or one about to expire is replaced by the next send. */
    private record CachedToken(CompletableFuture<AccessToken> token) {

        boolean usable(Instant now) {
            if (!token.isDone()) {
                return true;
            }
            return !token.isCompletedExceptionally() && token.join().expiresAt().isAfter(now.plus(RENEW_BEFORE_EXPIRY));
        }
    }
}
