package vn.dinhdanh.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.dinhdanh.sandbox.LocalHttp;

/** The sample call centre {@code bank-call-centre} asking a citizen's app over CIBA (poll mode), against one server. */
public final class Ciba {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT = "bank-call-centre";

    private final ServerUnderTest server;
    private final URI publicUrl;
    private final HttpClient http = LocalHttp.builder().connectTimeout(Duration.ofSeconds(5)).build();

    public Ciba(ServerUnderTest server) {
        this(server, null);
    }

    /**
     * Talks to {@code server} (one node) as the load balancer at {@code publicUrl} forwards a request: with its
     * X-Forwarded-Host/Port/Proto, so that tokens issued through the balancer are valid here (their issuer is the
     * balancer's URL).
     */
    public Ciba(ServerUnderTest server, URI publicUrl) {
        this.server = server;
        this.publicUrl = publicUrl;
    }

    /** An HTTP answer: status and JSON body. */
    public record Answer(int status, JsonNode body) {
    }

    /** The backchannel authentication request for the citizen {@code idNumber}, level 2 asked. */
    public Answer ask(String idNumber, String bindingMessage) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("scope", "openid");
        form.put("login_hint", idNumber);
        form.put("binding_message", bindingMessage);
        form.put("acr_values", "urn:vn:eid:loa:2");
        return post("/protocol/openid-connect/ext/ciba/auth", form);
    }

    public Answer token(String authReqId) {
        return post("/protocol/openid-connect/token", Map.of("grant_type", "urn:openid:params:grant-type:ciba", "auth_req_id", authReqId));
    }

    public Answer refresh(String refreshToken) {
        return post("/protocol/openid-connect/token", Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    /** The relying party's userinfo call with an access token: one release of the citizen's data. */
    public Answer userinfo(String accessToken) {
        return send(HttpRequest.newBuilder(URI.create(server.realmUrl() + "/protocol/openid-connect/userinfo"))
                .header("Authorization", "Bearer " + accessToken).timeout(Duration.ofSeconds(30)));
    }

    private Answer post(String path, Map<String, String> form) {
        String basic = Base64.getEncoder().encodeToString((CLIENT + ":" + server.relyingParties().bankCallCentreSecret())
                .getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(server.realmUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(PublicPortal.form(form))).timeout(Duration.ofSeconds(30)));
    }

    private Answer send(HttpRequest.Builder request) {
        if (publicUrl != null) {
            request.header("X-Forwarded-Proto", publicUrl.getScheme()).header("X-Forwarded-Host", publicUrl.getAuthority())
                    .header("X-Forwarded-Port", String.valueOf(publicUrl.getPort()));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
