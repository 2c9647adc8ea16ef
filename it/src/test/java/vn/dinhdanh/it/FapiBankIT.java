package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.PushedAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.UserInfoSuccessResponse;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.dinhdanh.it.support.BankOnline;
import vn.dinhdanh.it.support.BankOnline.Attempt;
import vn.dinhdanh.it.support.Browser;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.sandbox.LocalHttp;
import vn.dinhdanh.sandbox.keycloak.KeycloakAdmin;

/**
 * The sample bank {@code bank-online} on Keycloak's FAPI 2.0 security profile with DPoP (realm client policy
 * {@code fapi-2-bank}), played with nimbus oauth2-oidc-sdk: what works end to end, and the exact error
 * Keycloak gives each request that breaks the profile.
 */
@ExtendWith(DinhdanhServerExtension.class)
class FapiBankIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerUnderTest server;
    private BankOnline bank;

    @BeforeEach
    void setUp(ServerUnderTest server) {
        this.server = server;
        this.bank = new BankOnline(server);
    }

    /** A PAR as the profile wants it, answered with a request URI. */
    private URI pushed(Attempt attempt) throws Exception {
        HTTPResponse response = bank.push(bank.request(attempt).build(), bank.privateKeyJwt(), attempt.dpopKey());
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        PushedAuthorizationSuccessResponse success = PushedAuthorizationResponse.parse(response).toSuccessResponse();
        assertThat(success.getLifetime()).isPositive();
        return success.getRequestURI();
    }

    @Test
    @DisplayName("PAR + private_key_jwt + PKCE S256 + DPoP: iss in the response, DPoP-bound tokens, userinfo with a proof")
    void bankSignsInEndToEnd() throws Exception {
        Attempt attempt = Attempt.fresh();
        AuthorizationResponse response;
        URI authorizationUrl = bank.authorizationUrl(pushed(attempt));
        try (Browser browser = Browser.open("vi")) {
            response = bank.authorize(browser, authorizationUrl, "tester", "tester-sandbox");
        }
        assertThat(response.indicatesSuccess()).as(String.valueOf(response.toParameters())).isTrue();
        assertThat(response.getState()).isEqualTo(attempt.state());
        // RFC 9207: the response names its issuer, so a bank talking to several identity providers cannot be mixed up.
        assertThat(response.getIssuer()).isEqualTo(bank.provider().getIssuer());
        AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();

        HTTPResponse tokenResponse = bank.token(code, attempt.verifier(), bank.privateKeyJwt(), attempt.dpopKey());
        assertThat(tokenResponse.getStatusCode()).as(tokenResponse.getBody()).isEqualTo(200);
        OIDCTokenResponse tokens = (OIDCTokenResponse) OIDCTokenResponseParser.parse(tokenResponse).toSuccessResponse();
        assertThat(tokens.getOIDCTokens().getAccessToken()).isInstanceOf(DPoPAccessToken.class);
        assertThat(tokens.getOIDCTokens().getAccessToken().getType()).isEqualTo(AccessTokenType.DPOP);
        DPoPAccessToken accessToken = (DPoPAccessToken) tokens.getOIDCTokens().getAccessToken();

        // The access token is bound to the key of the proofs: cnf.jkt = that key's thumbprint (RFC 9449 §6).
        JWTClaimsSet accessClaims = SignedJWT.parse(accessToken.getValue()).getJWTClaimsSet();
        assertThat(accessClaims.getJSONObjectClaim("cnf")).containsEntry("jkt", attempt.dpopKey().computeThumbprint().toString());
        assertThat(accessClaims.getStringClaim("azp")).isEqualTo(BankOnline.CLIENT_ID.getValue());

        // The ID token: PS256 (the profile's algorithm), verified against the published keys, this request's nonce.
        SignedJWT idToken = (SignedJWT) tokens.getOIDCTokens().getIDToken();
        assertThat(idToken.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.PS256);
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.PS256,
                JWKSourceBuilder.create(bank.provider().getJWKSetURI().toURL()).retrying(false).build()));
        JWTClaimsSet idClaims = processor.process(idToken, null);
        assertThat(idClaims.getStringClaim("nonce")).isEqualTo(attempt.nonce().getValue());
        assertThat(idClaims.getAudience()).containsExactly(BankOnline.CLIENT_ID.getValue());
        // The level earned by a password alone (README "Levels of assurance"), as for any other client.
        assertThat(idClaims.getStringClaim("acr")).isEqualTo("urn:vn:eid:loa:1");

        // userinfo with the DPoP scheme and a fresh proof carrying the token's hash: a signed answer (PS256) for the same sub.
        URI userInfo = bank.provider().getUserInfoEndpointURI();
        HTTPResponse userInfoResponse = bank.userInfo(accessToken, BankOnline.proof(attempt.dpopKey(), "GET", userInfo, accessToken));
        assertThat(userInfoResponse.getStatusCode()).as(userInfoResponse.getBody()).isEqualTo(200);
        UserInfoSuccessResponse userInfoSuccess = UserInfoResponse.parse(userInfoResponse).toSuccessResponse();
        assertThat(userInfoSuccess.getUserInfoJWT()).isNotNull();
        SignedJWT userInfoJwt = (SignedJWT) userInfoSuccess.getUserInfoJWT();
        assertThat(processor.process(userInfoJwt, null).getSubject()).isEqualTo(idClaims.getSubject());

        // The same token as a plain bearer token: refused, the resource wants the DPoP scheme.
        HTTPResponse asBearer = bank.userInfo(new BearerAccessToken(accessToken.getValue()), null);
        assertThat(asBearer.getStatusCode()).as(asBearer.getBody()).isEqualTo(401);
        assertThat(asBearer.getHeaderValue("WWW-Authenticate")).contains("invalid_token");

        // With the DPoP scheme but a proof signed by another key than the bound one: refused.
        HTTPResponse wrongKey = bank.userInfo(accessToken, BankOnline.proof(BankOnline.newKey(), "GET", userInfo, accessToken));
        assertThat(wrongKey.getStatusCode()).as(wrongKey.getBody()).isEqualTo(401);
        assertThat(wrongKey.getHeaderValue("WWW-Authenticate")).contains("invalid_token");

        // A proof replayed: single use.
        SignedJWT proof = BankOnline.proof(attempt.dpopKey(), "GET", userInfo, accessToken);
        assertThat(bank.userInfo(accessToken, proof).getStatusCode()).isEqualTo(200);
        HTTPResponse replayed = bank.userInfo(accessToken, proof);
        assertThat(replayed.getStatusCode()).as(replayed.getBody()).isEqualTo(401);
        assertThat(replayed.getHeaderValue("WWW-Authenticate")).contains("invalid_token");

        // Refreshing needs a proof too, and the new access token is bound to the same key.
        RefreshTokenGrant refresh = new RefreshTokenGrant(tokens.getOIDCTokens().getRefreshToken());
        assertError(bank.token(refresh, bank.privateKeyJwt(), null), 400, "invalid_request", "DPoP proof is missing");
        HTTPResponse refreshed = bank.token(refresh, bank.privateKeyJwt(), attempt.dpopKey());
        assertThat(refreshed.getStatusCode()).as(refreshed.getBody()).isEqualTo(200);
        AccessToken renewed = OIDCTokenResponseParser.parse(refreshed).toSuccessResponse().getTokens().getAccessToken();
        assertThat(renewed).isInstanceOf(DPoPAccessToken.class);
        assertThat(SignedJWT.parse(renewed.getValue()).getJWTClaimsSet().getJSONObjectClaim("cnf"))
                .containsEntry("jkt", attempt.dpopKey().computeThumbprint().toString());
    }

    @Test
    @DisplayName("the token endpoint wants a DPoP proof, of the key the PAR was made with")
    void tokenRequestNeedsTheParsDpopKey() throws Exception {
        Attempt attempt = Attempt.fresh();
        AuthorizationCode code;
        try (Browser browser = Browser.open("vi")) {
            code = bank.authorize(browser, bank.authorizationUrl(pushed(attempt)), "tester", "tester-sandbox")
                    .toSuccessResponse().getAuthorizationCode();
        }
        HTTPResponse withoutProof = bank.token(code, attempt.verifier(), bank.privateKeyJwt(), null);
        assertError(withoutProof, 400, "invalid_request", "DPoP proof is missing");

        HTTPResponse otherKey = bank.token(code, attempt.verifier(), bank.privateKeyJwt(), BankOnline.newKey());
        assertError(otherKey, 400, "invalid_request", "DPoP Proof public key thumbprint does not match dpop_jkt");
    }

    @Test
    @DisplayName("an authorization request that was not pushed is refused")
    void parIsRequired() throws Exception {
        Attempt attempt = Attempt.fresh();
        HttpResponse<String> direct = get(bank.request(attempt).build().toURI());
        assertThat(direct.statusCode()).isEqualTo(400);
        assertThat(direct.headers().firstValue("Location")).isEmpty();
        assertThat(direct.body()).contains("PAR request_uri not included");

        // The pushed one is accepted (on to the login flow); visiting it again before a login completes is allowed.
        URI url = bank.authorizationUrl(pushed(attempt));
        for (int visit = 0; visit < 2; visit++) {
            HttpResponse<String> accepted = get(url);
            assertThat(accepted.statusCode()).isEqualTo(302);
            assertThat(accepted.headers().firstValue("Location").orElseThrow()).startsWith(server.realmUrl() + "/login-actions/authenticate?");
        }
    }

    @Test
    @DisplayName("a PAR without PKCE, or with the plain method, is refused with invalid_request")
    void pkceS256IsRequired() {
        Attempt attempt = Attempt.fresh();
        var withoutPkce = bank.requestWithoutPkce(attempt).build();
        assertError(bank.push(withoutPkce, bank.privateKeyJwt(), null), 400, "invalid_request",
                "Missing parameter: code_challenge_method");

        var plain = bank.requestWithoutPkce(attempt).codeChallenge(attempt.verifier(), CodeChallengeMethod.PLAIN).build();
        assertError(bank.push(plain, bank.privateKeyJwt(), null), 400, "invalid_request",
                "Invalid parameter: code challenge method is not matching the configured one");
    }

    @Test
    @DisplayName("the bank authenticates with private_key_jwt only: no secret, no anonymous PAR, audience = issuer, its own key")
    void privateKeyJwtIsRequired() {
        var request = bank.request(Attempt.fresh()).build();
        URI issuer = URI.create(bank.provider().getIssuer().getValue());
        SoftAssertions softly = new SoftAssertions();
        // Keycloak's PAR endpoint answers every failed client authentication so (AbstractParEndpoint).
        assertError(softly, bank.push(request, new ClientSecretBasic(BankOnline.CLIENT_ID, new Secret("a-guessed-secret")), null),
                401, "invalid_request", "Authentication failed.");
        assertError(softly, bank.push(request, null, null), 401, "invalid_request", "Authentication failed.");
        // Signed with a key the bank never registered.
        assertError(softly, bank.push(request, BankOnline.privateKeyJwt(BankOnline.newKey(), issuer), null),
                401, "invalid_request", "Authentication failed.");
        // FAPI 2.0: the assertion's audience is the issuer identifier alone, not the endpoint it is sent to.
        assertError(softly, bank.push(request, BankOnline.privateKeyJwt(BankOnline.clientKey(),
                bank.provider().getPushedAuthorizationRequestEndpointURI()), null), 400, "invalid_request", "invalid audience in client assertion");
        // The token endpoint, the same way: a secret is no credential of this client.
        assertError(softly, bank.token(new AuthorizationCode("not-a-code"), new CodeVerifier(),
                new ClientSecretBasic(BankOnline.CLIENT_ID, new Secret("a-guessed-secret")), BankOnline.newKey()),
                400, "invalid_client", "Parameter client_assertion_type is missing");
        softly.assertAll();
    }

    @Test
    @DisplayName("a redirect URI other than the registered https one is refused at the PAR")
    void redirectUriMustBeTheRegisteredOne() {
        var request = bank.request(Attempt.fresh())
                .redirectionURI(URI.create("http://127.0.0.1:" + server.relyingParties().bankOnlinePort() + "/callback")).build();
        assertError(bank.push(request, bank.privateKeyJwt(), null), 400, "invalid_request", "Invalid parameter: redirect_uri");
    }

    @Test
    @DisplayName("a client that declares dinhdanh.client-profile=fapi-2-dpop gets the profile at its updates and requests; bank-online cannot be weakened")
    void policyFollowsTheDeclaration() throws Exception {
        KeycloakAdmin admin = server.admin();
        String clients = "/admin/realms/dinhdanh/clients";
        String clientId = "bank-declared-" + System.nanoTime();
        ObjectNode declared = JSON.createObjectNode();
        declared.put("clientId", clientId).put("protocol", "openid-connect").put("publicClient", false)
                .put("clientAuthenticatorType", "client-secret");
        declared.putArray("redirectUris").add("https://bank.example.vn/callback");
        declared.putObject("attributes").put("dinhdanh.client-profile", "fapi-2-dpop").put("dinhdanh.purpose", "Mở tài khoản");

        // Keycloak's attribute condition cannot see a client that does not exist yet: the creation itself passes ...
        HttpResponse<String> created = admin.exchange("POST", clients, declared);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        try {
            // ... but every update is checked: a client secret is refused, private_key_jwt passes and the profile
            // configures the rest (DPoP, PKCE S256, consent, no full scope).
            HttpResponse<String> withSecret = admin.exchange("PUT", location, declared);
            assertThat(withSecret.statusCode()).as(withSecret.body()).isEqualTo(400);
            assertThat(JSON.readTree(withSecret.body()).path("error").asText()).isEqualTo("invalid_client_metadata");

            declared.put("clientAuthenticatorType", "client-jwt");
            HttpResponse<String> updated = admin.exchange("PUT", location, declared);
            assertThat(updated.statusCode()).as(updated.body()).isEqualTo(204);
            JsonNode client = JSON.readTree(admin.exchange("GET", location, null).body());
            assertThat(client.path("consentRequired").asBoolean()).isTrue();
            assertThat(client.path("fullScopeAllowed").asBoolean()).isFalse();
            assertThat(client.path("attributes").path("dpop.bound.access.tokens").asText()).isEqualTo("true");
            assertThat(client.path("attributes").path("pkce.code.challenge.method").asText()).isEqualTo("S256");

            // And every request: this client's authorization requests must be pushed, like bank-online's.
            HttpResponse<String> direct = get(URI.create(bank.provider().getAuthorizationEndpointURI() + "?response_type=code&client_id="
                    + clientId + "&redirect_uri=https%3A%2F%2Fbank.example.vn%2Fcallback&scope=openid"));
            assertThat(direct.statusCode()).isEqualTo(400);
            assertThat(direct.body()).contains("PAR request_uri not included");
        } finally {
            admin.exchange("DELETE", location, null);
        }

        // The sample bank itself cannot be switched to a client secret by an update.
        JsonNode bankOnline = JSON.readTree(admin.exchange("GET", clients + "?clientId=bank-online", null).body()).get(0);
        ((ObjectNode) bankOnline).put("clientAuthenticatorType", "client-secret");
        HttpResponse<String> weakened = admin.exchange("PUT", clients + "/" + bankOnline.path("id").asText(), bankOnline);
        assertThat(weakened.statusCode()).as(weakened.body()).isEqualTo(400);
        assertThat(JSON.readTree(weakened.body()).path("error").asText()).isEqualTo("invalid_client_metadata");
    }

    private static void assertError(HTTPResponse response, int status, String error, String description) {
        SoftAssertions softly = new SoftAssertions();
        assertError(softly, response, status, error, description);
        softly.assertAll();
    }

    /** The OAuth error answer Keycloak gives: status, {@code error} code and a description containing {@code description}. */
    private static void assertError(SoftAssertions softly, HTTPResponse response, int status, String error, String description) {
        ErrorObject parsed = ErrorObject.parse(response);
        softly.assertThat(response.getStatusCode() + " " + parsed.getCode()).as(response.getBody()).isEqualTo(status + " " + error);
        softly.assertThat(String.valueOf(parsed.getDescription())).as(response.getBody()).contains(description);
    }

    private static HttpResponse<String> get(URI url) throws Exception {
        return LocalHttp.client().send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
    }
}
