package vn.dinhdanh.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import vn.dinhdanh.sandbox.LocalHttp;
import vn.dinhdanh.sandbox.SandboxSecrets;

/** The sample OIDC relying party {@code public-portal}, played by the tests: code flow with PKCE S256. */
public final class PublicPortal {

    public static final String CLIENT_ID = "public-portal";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One authorization request's secrets: what the relying party keeps between redirect and callback. */
    public record Request(String state, String nonce, String codeVerifier) {

        public static Request fresh() {
            return new Request(SandboxSecrets.random(), SandboxSecrets.random(), SandboxSecrets.random());
        }

        public String codeChallenge() {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(codeVerifier.getBytes(StandardCharsets.US_ASCII));
                return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final ServerUnderTest server;
    private final HttpClient http = LocalHttp.client();

    public PublicPortal(ServerUnderTest server) {
        this.server = server;
    }

    /** A well-formed authorization request with PKCE S256 and a nonce. */
    public URI authorizationUrl(Request request) {
        return authorizationUrl(parametersWithPkce(request));
    }

    /** The same request asking for {@code scope} (e.g. {@code "openid citizen_basic"}: a consent page then shows). */
    public URI authorizationUrl(Request request, String scope) {
        Map<String, String> parameters = parametersWithPkce(request);
        parameters.put("scope", scope);
        return authorizationUrl(parameters);
    }

    /** The parameters of a code-flow request without PKCE, for tests that vary them. */
    public Map<String, String> parametersWithoutPkce(Request request) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", CLIENT_ID);
        parameters.put("redirect_uri", server.relyingParties().publicPortalCallback().toString());
        parameters.put("scope", "openid");
        parameters.put("state", request.state());
        parameters.put("nonce", request.nonce());
        return parameters;
    }

    public Map<String, String> parametersWithPkce(Request request) {
        Map<String, String> parameters = parametersWithoutPkce(request);
        parameters.put("code_challenge", request.codeChallenge());
        parameters.put("code_challenge_method", "S256");
        return parameters;
    }

    public URI authorizationUrl(Map<String, String> parameters) {
        return URI.create(server.realmUrl() + "/protocol/openid-connect/auth?" + form(parameters));
    }

    /** The back-channel token request for a code. */
    public HttpResponse<String> exchange(String code, String codeVerifier) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("grant_type", "authorization_code");
        parameters.put("code", code);
        parameters.put("redirect_uri", server.relyingParties().publicPortalCallback().toString());
        parameters.put("code_verifier", codeVerifier);
        return tokenRequest(parameters);
    }

    /** A refresh-token grant, as the portal does to keep a session going. */
    public HttpResponse<String> refresh(String refreshToken) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("grant_type", "refresh_token");
        parameters.put("refresh_token", refreshToken);
        return tokenRequest(parameters);
    }

    /** A token endpoint request, authenticated with the client secret (HTTP Basic). */
    private HttpResponse<String> tokenRequest(Map<String, String> parameters) {
        String basic = Base64.getEncoder().encodeToString((CLIENT_ID + ":" + server.relyingParties().publicPortalSecret())
                .getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(server.realmUrl() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(form(parameters))).build());
    }

    public JsonNode discovery() {
        return json(send(HttpRequest.newBuilder(URI.create(server.realmUrl() + "/.well-known/openid-configuration")).build()));
    }

    /**
     * Verifies an ID token as a relying party must: RS256 signature against the published JWKS,
     * issuer, audience, nonce, expiry.
     */
    public JWTClaimsSet verifyIdToken(String idToken, String nonce) throws BadJOSEException, JOSEException, ParseException {
        JsonNode discovery = discovery();
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(URI.create(discovery.path("jwks_uri").asText()).toURL())
                    .retrying(false).build();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(CLIENT_ID,
                new JWTClaimsSet.Builder().issuer(discovery.path("issuer").asText()).claim("nonce", nonce).build(),
                Set.of("sub", "iat", "exp", "auth_time")));
        return processor.process(idToken, null);
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (HTTP " + response.statusCode() + "): " + response.body(), e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code application/x-www-form-urlencoded}, as a browser or a relying party posts a form. */
    public static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
