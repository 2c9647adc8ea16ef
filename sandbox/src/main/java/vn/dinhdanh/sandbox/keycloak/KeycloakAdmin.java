package vn.dinhdanh.sandbox.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import vn.dinhdanh.sandbox.LocalHttp;
import vn.dinhdanh.sandbox.SandboxException;

/** The few calls of Keycloak's admin REST API the sandbox and the tests need. */
public final class KeycloakAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = LocalHttp.builder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI baseUrl;
    private final String form;
    private String token;
    private long renewAt;

    private KeycloakAdmin(URI baseUrl, String form) {
        this.baseUrl = baseUrl;
        this.form = form;
    }

    /** Signs in to the master realm with the bootstrap admin through {@code admin-cli}. */
    public static KeycloakAdmin login(URI baseUrl, String username, String password) {
        String form = "grant_type=password&client_id=admin-cli"
                + "&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        KeycloakAdmin admin = new KeycloakAdmin(baseUrl, form);
        admin.token();
        return admin;
    }

    /**
     * The access token, signed in again when it is about to expire (the master realm's lasts 60 s): a slow
     * machine or a long setup never meets a 401 for an expired token.
     */
    private synchronized String token() {
        if (token == null || System.nanoTime() - renewAt > 0) {
            long asked = System.nanoTime();
            HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("/realms/master/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build();
            JsonNode body = send(request, "admin sign-in");
            token = body.path("access_token").asText();
            renewAt = asked + java.util.concurrent.TimeUnit.SECONDS.toNanos(Math.max(1, body.path("expires_in").asLong(60) - 15));
        }
        return token;
    }

    /** Adds what {@code file} holds to a realm, skipping anything that already exists (idempotent). */
    public JsonNode partialImport(String realm, Path file) {
        ObjectNode overlay;
        try {
            overlay = (ObjectNode) JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new SandboxException("cannot read " + file + ": " + e.getMessage(), e);
        }
        overlay.remove("_comment"); // documentation for people, unknown to Keycloak
        overlay.put("ifResourceExists", "SKIP");
        return post("/admin/realms/" + realm + "/partialImport", overlay, Duration.ofSeconds(30));
    }

    public JsonNode post(String path, JsonNode body, Duration timeout) {
        try {
            HttpRequest request = authorized(path).timeout(timeout).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
            return send(request, "POST " + path);
        } catch (IOException e) {
            throw new SandboxException("POST " + path + " failed: " + e.getMessage(), e);
        }
    }

    /** Returns the HTTP status: 204 when it was deleted, 404 when there was nothing to delete. */
    public int delete(String path, Duration timeout) {
        try {
            return http.send(authorized(path).timeout(timeout).DELETE().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new SandboxException("DELETE " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted", e);
        }
    }

    public JsonNode get(String path) {
        return send(authorized(path).GET().build(), "GET " + path);
    }

    public int put(String path, JsonNode body) {
        try {
            HttpRequest request = authorized(path).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new SandboxException("PUT " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted", e);
        }
    }

    /** Any admin request ({@code body} may be null), answered as it is: for callers that check refusals and their bodies. */
    public HttpResponse<String> exchange(String method, String path, JsonNode body) {
        try {
            HttpRequest request = authorized(path).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SandboxException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted", e);
        }
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token());
    }

    private JsonNode send(HttpRequest request, String what) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new SandboxException(what + " failed: HTTP " + response.statusCode());
            }
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SandboxException(what + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted", e);
        }
    }
}
