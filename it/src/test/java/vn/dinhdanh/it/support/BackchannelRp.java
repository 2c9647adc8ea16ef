package vn.dinhdanh.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.openqa.selenium.By;
import vn.dinhdanh.sandbox.LocalHttp;
import vn.dinhdanh.sandbox.Ports;
import vn.dinhdanh.sandbox.SandboxSecrets;

/**
 * An OIDC relying party registered by a test as a bank's integration team would: confidential, code flow with
 * PKCE, pairwise subject (the realm's default), front-channel logout off and a {@code backchannel.logout.url} on a
 * loopback {@link LogoutListener} (session required: logout tokens carry {@code sid}). Removed again on close.
 */
public final class BackchannelRp implements AutoCloseable {

    public static final String BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";
    private static final String CLIENTS = "/admin/realms/dinhdanh/clients";

    private final ServerUnderTest server;
    private final String clientId = "rp-" + UUID.randomUUID().toString().substring(0, 8);
    private final String secret = SandboxSecrets.random();
    private final int callbackPort = Ports.free();
    private final LogoutListener logouts;
    private final HttpClient http = LocalHttp.client();
    private final String id;

    /** Tokens of one login: what the relying party keeps. */
    public record Login(String accessToken, String refreshToken, JWTClaimsSet idToken) {
    }

    public BackchannelRp(ServerUnderTest server) {
        this(server, new LogoutListener(Ports.free()), null);
    }

    /** A relying party whose back-channel logout endpoint is {@code logoutUrl}, a listener of the test's own. */
    public BackchannelRp(ServerUnderTest server, String logoutUrl) {
        this(server, null, logoutUrl);
    }

    private BackchannelRp(ServerUnderTest server, LogoutListener listener, String logoutUrl) {
        this.server = server;
        this.logouts = listener;
        ObjectNode client = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        client.put("clientId", clientId).put("protocol", "openid-connect").put("enabled", true).put("publicClient", false)
                .put("clientAuthenticatorType", "client-secret").put("secret", secret).put("standardFlowEnabled", true)
                .put("directAccessGrantsEnabled", false).put("frontchannelLogout", false).put("consentRequired", false)
                .put("fullScopeAllowed", false);
        client.putArray("redirectUris").add(callback());
        ObjectNode attributes = client.putObject("attributes");
        attributes.put("pkce.code.challenge.method", "S256");
        attributes.put("dinhdanh.purpose", "Kiểm thử đăng xuất kênh sau"); // the realm's consent policy requires one
        attributes.put("backchannel.logout.url",
                logoutUrl != null ? logoutUrl : "http://127.0.0.1:" + listener.port() + "/backchannel-logout");
        attributes.put("backchannel.logout.session.required", "true");
        attributes.put("backchannel.logout.revoke.offline.tokens", "false");
        ArrayNode defaults = client.putArray("defaultClientScopes");
        for (String scope : new String[] {"pairwise_subject", "basic", "acr", "web-origins"}) {
            defaults.add(scope);
        }
        client.putArray("optionalClientScopes").add("citizen_basic").add("citizen_address");
        server.admin().post(CLIENTS, client, Duration.ofSeconds(30));
        this.id = server.admin().get(CLIENTS + "?clientId=" + clientId).get(0).path("id").asText();
    }

    public String clientId() {
        return clientId;
    }

    public LogoutListener logouts() {
        return logouts;
    }

    private String callback() {
        return "http://localhost:" + callbackPort + "/callback";
    }

    /** The citizen logs in with ID number and password in a fresh browser; the relying party redeems the code. */
    public Login signIn(String number, String password, String scope) throws Exception {
        PublicPortal.Request request = PublicPortal.Request.fresh();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", clientId);
        parameters.put("redirect_uri", callback());
        parameters.put("scope", scope);
        parameters.put("state", request.state());
        parameters.put("nonce", request.nonce());
        parameters.put("code_challenge", request.codeChallenge());
        parameters.put("code_challenge_method", "S256");
        String code;
        try (LoopbackReceiver receiver = new LoopbackReceiver(callbackPort); Browser browser = Browser.open("vi")) {
            browser.open(URI.create(server.realmUrl() + "/protocol/openid-connect/auth?" + PublicPortal.form(parameters)));
            browser.signIn(number, password);
            browser.waitFor(By.cssSelector("#received, #dinhdanh-consent-items, .alert-error, #input-error-username"));
            if (browser.onConsentPage()) {
                browser.grantConsent();
            }
            code = receiver.await(Duration.ofSeconds(30)).parameters().get("code");
        }
        assertThat(code).as("authorization code").isNotNull();
        Map<String, String> exchange = new LinkedHashMap<>();
        exchange.put("grant_type", "authorization_code");
        exchange.put("code", code);
        exchange.put("redirect_uri", callback());
        exchange.put("code_verifier", request.codeVerifier());
        JsonNode tokens = PublicPortal.json(token(exchange));
        JWTClaimsSet idToken = processor(Set.of("sub", "sid", "iat", "exp"), new JWTClaimsSet.Builder()
                .issuer(issuer()).claim("nonce", request.nonce()).build())
                .process(tokens.path("id_token").asText(), null);
        return new Login(tokens.path("access_token").asText(), tokens.path("refresh_token").asText(), idToken);
    }

    public HttpResponse<String> refresh(String refreshToken) {
        return token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    public HttpResponse<String> userinfo(String accessToken) {
        return send(HttpRequest.newBuilder(URI.create(server.realmUrl() + "/protocol/openid-connect/userinfo"))
                .header("Authorization", "Bearer " + accessToken).GET().build());
    }

    /**
     * Validates a logout token as OIDC Back-Channel Logout 1.0 §2.6 asks: signed by the realm key (published JWKS),
     * {@code iss} the realm, {@code aud} this client, {@code iat}/{@code exp}/{@code jti} present, the back-channel
     * logout event, {@code sub} and {@code sid}, and no {@code nonce}.
     */
    public JWTClaimsSet validLogoutToken(String logoutToken) throws Exception {
        JWTClaimsSet claims = processor(Set.of("sub", "sid", "iat", "exp", "jti", "events"),
                new JWTClaimsSet.Builder().issuer(issuer()).build()).process(logoutToken, null);
        assertThat(claims.getClaim("nonce")).as("a logout token carries no nonce").isNull();
        assertThat(claims.getJSONObjectClaim("events")).containsKey(BACKCHANNEL_LOGOUT_EVENT);
        return claims;
    }

    private DefaultJWTProcessor<SecurityContext> processor(Set<String> required, JWTClaimsSet exact) throws Exception {
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(URI.create(server.realmUrl() + "/protocol/openid-connect/certs").toURL())
                .retrying(false).build();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        // Logout tokens are typed "logout+jwt" by some providers, plain JWT by Keycloak: accept both, as a bank does.
        processor.setJWSTypeVerifier((type, context) -> { });
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(clientId, exact, required));
        return processor;
    }

    private String issuer() {
        return server.realmUrl().toString();
    }

    private HttpResponse<String> token(Map<String, String> parameters) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(server.realmUrl() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(PublicPortal.form(parameters))).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (logouts != null) {
            logouts.close();
        }
        server.admin().delete(CLIENTS + "/" + id, Duration.ofSeconds(30));
    }
}
