package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.dinhdanh.it.support.Browser;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.LoopbackReceiver;
import vn.dinhdanh.it.support.LoopbackReceiver.Arrival;
import vn.dinhdanh.it.support.PublicPortal;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.sandbox.LocalHttp;

/** A citizen signs in to {@code public-portal} with the authorization code flow and PKCE S256. */
@ExtendWith(DinhdanhServerExtension.class)
class OidcLoginIT {

    private ServerUnderTest server;
    private PublicPortal portal;

    @BeforeEach
    void setUp(ServerUnderTest server) {
        this.server = server;
        this.portal = new PublicPortal(server);
    }

    /** Signs in with the browser and returns what arrived at the redirect URI. */
    private Arrival signIn(PublicPortal.Request request) {
        try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
             Browser browser = Browser.open("vi")) {
            browser.open(portal.authorizationUrl(request));
            browser.signIn("tester", "tester-sandbox");
            return callback.await(Duration.ofSeconds(30));
        }
    }

    @Test
    @DisplayName("code + PKCE login yields an ID token whose signature, issuer, audience and nonce verify")
    void loginWithCodeAndPkce() throws Exception {
        PublicPortal.Request request = PublicPortal.Request.fresh();
        Arrival arrival = signIn(request);

        assertThat(arrival.path()).isEqualTo("/callback");
        assertThat(arrival.parameters()).containsEntry("state", request.state())
                .containsEntry("iss", server.realmUrl().toString()).containsKey("code").doesNotContainKey("error");

        HttpResponse<String> tokens = portal.exchange(arrival.parameters().get("code"), request.codeVerifier());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        String idToken = PublicPortal.json(tokens).path("id_token").asText();

        JWTClaimsSet claims = portal.verifyIdToken(idToken, request.nonce());
        assertThat(claims.getIssuer()).isEqualTo(server.realmUrl().toString());
        assertThat(claims.getAudience()).contains(PublicPortal.CLIENT_ID);
        assertThat(claims.getStringClaim("nonce")).isEqualTo(request.nonce());
        String testerId = server.admin().get("/admin/realms/dinhdanh/users?exact=true&username=tester").get(0).path("id").asText();
        assertThat(claims.getSubject()).as("pairwise, for the portal's sector").isEqualTo(
                vn.dinhdanh.it.support.Pairwise.subject("localhost", testerId, server.relyingParties().pairwiseSalt()));
        assertThat(claims.getClaim("preferred_username")).as("no profile scope for relying parties").isNull();

        // The same checks reject a token whose signature was altered, or that answers another request.
        char last = idToken.charAt(idToken.length() - 2);
        String forged = idToken.substring(0, idToken.length() - 2) + (last == 'A' ? 'B' : 'A') + idToken.charAt(idToken.length() - 1);
        assertThatThrownBy(() -> portal.verifyIdToken(forged, request.nonce())).isInstanceOf(BadJOSEException.class);
        assertThatThrownBy(() -> portal.verifyIdToken(idToken, "another-nonce")).isInstanceOf(BadJOSEException.class)
                .hasMessageContaining("nonce");
    }

    @Test
    @DisplayName("an authorization code is single-use: a replay is refused")
    void codeReplayIsRefused() {
        PublicPortal.Request request = PublicPortal.Request.fresh();
        String code = signIn(request).parameters().get("code");
        assertThat(portal.exchange(code, request.codeVerifier()).statusCode()).isEqualTo(200);

        HttpResponse<String> replay = portal.exchange(code, request.codeVerifier());
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(PublicPortal.json(replay).path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    @DisplayName("a code redeemed with the wrong PKCE verifier is refused")
    void wrongVerifierIsRefused() {
        PublicPortal.Request request = PublicPortal.Request.fresh();
        String code = signIn(request).parameters().get("code");
        HttpResponse<String> response = portal.exchange(code, PublicPortal.Request.fresh().codeVerifier());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(PublicPortal.json(response).path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    @DisplayName("a request without PKCE, or with the plain method, is sent back with invalid_request")
    void pkceIsRequired() {
        PublicPortal.Request request = PublicPortal.Request.fresh();
        Map<String, String> withoutPkce = portal.parametersWithoutPkce(request);
        assertThat(errorOf(redirectOf(portal.authorizationUrl(withoutPkce)))).isEqualTo("invalid_request");

        Map<String, String> plain = portal.parametersWithoutPkce(request);
        plain.put("code_challenge", request.codeVerifier());
        plain.put("code_challenge_method", "plain");
        assertThat(errorOf(redirectOf(portal.authorizationUrl(plain)))).isEqualTo("invalid_request");
    }

    @Test
    @DisplayName("a redirect URI that is not registered exactly is refused without redirecting")
    void redirectUriMustMatchExactly() {
        Map<String, String> parameters = portal.parametersWithoutPkce(PublicPortal.Request.fresh());
        parameters.put("redirect_uri", server.relyingParties().publicPortalCallback() + "/../evil");
        HttpResponse<String> response = get(portal.authorizationUrl(parameters));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.body()).contains("redirect_uri");
    }

    private static HttpResponse<String> get(URI url) {
        try {
            return LocalHttp.builder().followRedirects(HttpClient.Redirect.NEVER).build()
                    .send(HttpRequest.newBuilder(url).header("Accept-Language", "vi").build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private URI redirectOf(URI url) {
        HttpResponse<String> response = get(url);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).startsWith(server.relyingParties().publicPortalCallback().toString());
        return location;
    }

    private static String errorOf(URI location) {
        for (String pair : location.getRawQuery().split("&")) {
            if (pair.startsWith("error=")) {
                return pair.substring("error=".length());
            }
        }
        throw new AssertionError("no error in " + location);
    }
}
