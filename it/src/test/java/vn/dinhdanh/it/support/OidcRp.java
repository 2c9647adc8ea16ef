package vn.dinhdanh.it.support;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.net.URI;

/**
 * A relying party built on an independent OIDC library (Connect2id's nimbus oauth2-oidc-sdk): discovery, the
 * authorization request with PKCE S256, the code exchange with the client secret, ID token validation with
 * {@link IDTokenValidator} (signature from the published JWKS, issuer, audience, nonce, expiry), userinfo and
 * introspection. Nothing of Keycloak's own client code is used.
 */
public final class OidcRp {

    /** One login's secrets, kept between redirect and callback. */
    public record Attempt(URI authorizationUrl, State state, Nonce nonce, CodeVerifier verifier) {
    }

    /** What the relying party holds after the code exchange, the ID token already validated. */
    public record Login(IDTokenClaimsSet idToken, String rawIdToken, BearerAccessToken accessToken) {
    }

    private final OIDCProviderMetadata metadata;
    private final ClientID clientId;
    private final Secret secret;
    private final URI callback;

    public OidcRp(ServerUnderTest server, String clientId, String secret, URI callback) {
        try {
            this.metadata = OIDCProviderMetadata.resolve(new Issuer(server.realmUrl().toString()));
        } catch (Exception e) {
            throw new IllegalStateException("discovery failed", e);
        }
        this.clientId = new ClientID(clientId);
        this.secret = new Secret(secret);
        this.callback = callback;
    }

    public static OidcRp publicPortal(ServerUnderTest server) {
        return new OidcRp(server, PublicPortal.CLIENT_ID, server.relyingParties().publicPortalSecret(),
                server.relyingParties().publicPortalCallback());
    }

    public static OidcRp libraryPortal(ServerUnderTest server) {
        return new OidcRp(server, "library-portal", server.relyingParties().libraryPortalSecret(),
                server.relyingParties().libraryPortalCallback());
    }

    public Attempt start(String scope) {
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        URI url = new AuthenticationRequest.Builder(ResponseType.CODE, Scope.parse(scope), clientId, callback)
                .endpointURI(metadata.getAuthorizationEndpointURI())
                .state(state).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256)
                .build().toURI();
        return new Attempt(url, state, nonce, verifier);
    }

    public Login finish(Attempt attempt, String code) throws Exception {
        TokenRequest request = new TokenRequest(metadata.getTokenEndpointURI(), new ClientSecretBasic(clientId, secret),
                new AuthorizationCodeGrant(new AuthorizationCode(code), callback, attempt.verifier()));
        com.nimbusds.oauth2.sdk.TokenResponse response = OIDCTokenResponseParser.parse(request.toHTTPRequest().send());
        if (!response.indicatesSuccess()) {
            throw new AssertionError("token request refused: " + response.toErrorResponse().getErrorObject());
        }
        OIDCTokenResponse tokens = (OIDCTokenResponse) response.toSuccessResponse();
        IDTokenValidator validator = new IDTokenValidator(metadata.getIssuer(), clientId, JWSAlgorithm.RS256,
                metadata.getJWKSetURI().toURL());
        IDTokenClaimsSet claims = validator.validate(tokens.getOIDCTokens().getIDToken(), attempt.nonce());
        return new Login(claims, tokens.getOIDCTokens().getIDTokenString(), tokens.getOIDCTokens().getBearerAccessToken());
    }

    public UserInfo userInfo(BearerAccessToken token) throws Exception {
        UserInfoResponse response = UserInfoResponse.parse(new UserInfoRequest(metadata.getUserInfoEndpointURI(), token)
                .toHTTPRequest().send());
        if (!response.indicatesSuccess()) {
            throw new AssertionError("userinfo refused: " + response.toErrorResponse().getErrorObject());
        }
        return response.toSuccessResponse().getUserInfo();
    }

    /** The introspection answer as JSON (active, sub, ...). */
    public net.minidev.json.JSONObject introspect(BearerAccessToken token) throws Exception {
        URI endpoint = URI.create(metadata.getTokenEndpointURI() + "/introspect");
        TokenIntrospectionResponse response = TokenIntrospectionResponse.parse(
                new TokenIntrospectionRequest(endpoint, new ClientSecretBasic(clientId, secret), token).toHTTPRequest().send());
        return new net.minidev.json.JSONObject(response.toSuccessResponse().toJSONObject());
    }
}
