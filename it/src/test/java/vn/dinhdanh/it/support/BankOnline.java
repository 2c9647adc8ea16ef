package vn.dinhdanh.it.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.dinhdanh.it.support.LoopbackReceiver.Arrival;
import vn.dinhdanh.sandbox.BankOnlineClient;

/**
 * The sample FAPI 2.0 bank {@code bank-online}, played by the tests with an independent relying-party library
 * (nimbus oauth2-oidc-sdk): pushed authorization requests, {@code private_key_jwt} (ES256), PKCE S256,
 * DPoP-bound tokens, an https redirect URI on loopback. Its client key is drawn once per test run (by the sandbox's
 * {@link BankOnlineClient}, into a temporary directory) and registered through the admin API, as a bank's onboarding does.
 */
public final class BankOnline {

    public static final ClientID CLIENT_ID = new ClientID(BankOnlineClient.CLIENT_ID);
    /** Drawn and kept by the sandbox's own code, so that these tests also prove the key file the sandbox hands to developers. */
    private static final Path KEY_DIRECTORY = temporaryDirectory();
    private static final String CLIENT_JWKS = BankOnlineClient.publicJwks(KEY_DIRECTORY);
    private static final ECKey CLIENT_KEY = readKey(BankOnlineClient.privateKeyFile(KEY_DIRECTORY));
    private static final Set<URI> REGISTERED = ConcurrentHashMap.newKeySet();
    private static final SSLContext TLS = SelfSignedTls.context();

    private final ServerUnderTest server;
    private final OIDCProviderMetadata provider;

    public BankOnline(ServerUnderTest server) {
        this.server = server;
        if (REGISTERED.add(server.baseUrl())) {
            BankOnlineClient.register(server.admin(), CLIENT_JWKS);
        }
        try {
            provider = OIDCProviderMetadata.resolve(new Issuer(server.realmUrl()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the realm's discovery document", e);
        }
    }

    /** What the bank keeps between its PAR and the callback: state, nonce, PKCE verifier and its DPoP key. */
    public record Attempt(State state, Nonce nonce, CodeVerifier verifier, ECKey dpopKey) {

        public static Attempt fresh() {
            return new Attempt(new State(), new Nonce(), new CodeVerifier(), newKey());
        }
    }

    /** The bank's registered client key (private), for tests that vary the assertion. */
    public static ECKey clientKey() {
        return CLIENT_KEY;
    }

    /** A private JWK file as the sandbox writes it, read as a bank's JOSE library would. */
    public static ECKey readKey(Path file) {
        try {
            return ECKey.parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("not a private EC JWK: " + file, e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("bank-online-key");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh P-256 key with its thumbprint as key id. */
    public static ECKey newKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                    .keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public OIDCProviderMetadata provider() {
        return provider;
    }

    public URI callback() {
        return server.relyingParties().bankOnlineCallback();
    }

    /** The authorization request the bank pushes: code, openid, state, nonce and PKCE S256. */
    public AuthenticationRequest.Builder request(Attempt attempt) {
        return requestWithoutPkce(attempt).codeChallenge(attempt.verifier(), CodeChallengeMethod.S256);
    }

    /** The same without PKCE, for tests that vary it. */
    public AuthenticationRequest.Builder requestWithoutPkce(Attempt attempt) {
        return new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid"), CLIENT_ID, callback())
                .state(attempt.state()).nonce(attempt.nonce()).endpointURI(provider.getAuthorizationEndpointURI());
    }

    /** The bank's client authentication as FAPI 2.0 wants it: a fresh assertion, audience = the issuer. */
    public PrivateKeyJWT privateKeyJwt() {
        return privateKeyJwt(CLIENT_KEY, URI.create(provider.getIssuer().getValue()));
    }

    public static PrivateKeyJWT privateKeyJwt(ECKey key, URI audience) {
        try {
            return new PrivateKeyJWT(CLIENT_ID, audience, JWSAlgorithm.ES256, key.toECPrivateKey(), key.getKeyID(), null);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PAR with {@code authentication} ({@code null}: none) and, when {@code dpopKey} is given, a DPoP proof. */
    public HTTPResponse push(AuthorizationRequest request, ClientAuthentication authentication, ECKey dpopKey) {
        URI endpoint = provider.getPushedAuthorizationRequestEndpointURI();
        HTTPRequest http = (authentication == null ? new PushedAuthorizationRequest(endpoint, request)
                : new PushedAuthorizationRequest(endpoint, authentication, request)).toHTTPRequest();
        if (dpopKey != null) {
            http.setDPoP(proof(dpopKey, "POST", endpoint, null));
        }
        return send(http);
    }

    /** Where the browser goes after a PAR: only client_id and request_uri (FAPI 2.0). */
    public URI authorizationUrl(URI requestUri) {
        return new AuthorizationRequest.Builder(requestUri, CLIENT_ID).endpointURI(provider.getAuthorizationEndpointURI())
                .build().toURI();
    }

    /**
     * Sends the browser to {@code authorizationUrl}; signs in with {@code username}/{@code password} when given (else the
     * browser has a session), grants consent when asked, and returns the authorization response at the callback.
     */
    public AuthorizationResponse authorize(Browser browser, URI authorizationUrl, String username, String password) {
        try (LoopbackReceiver receiver = new LoopbackReceiver(server.relyingParties().bankOnlinePort(), TLS)) {
            browser.acceptSelfSignedCertificates();
            browser.open(authorizationUrl);
            if (username != null) {
                browser.signIn(username, password);
            }
            String callback = callback().toString();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().startsWith(callback)
                    || !d.findElements(By.name("accept")).isEmpty());
            if (!browser.driver().getCurrentUrl().startsWith(callback)) {
                browser.driver().findElement(By.name("accept")).click();
            }
            Arrival arrival = receiver.await(Duration.ofSeconds(30));
            return AuthorizationResponse.parse(URI.create(callback + "?" + PublicPortal.form(arrival.parameters())));
        } catch (ParseException e) {
            throw new AssertionError("not an authorization response", e);
        }
    }

    /** The token request for {@code code}, authenticated with {@code authentication}, with a proof of {@code dpopKey} if given. */
    public HTTPResponse token(AuthorizationCode code, CodeVerifier verifier, ClientAuthentication authentication, ECKey dpopKey) {
        return token(new AuthorizationCodeGrant(code, callback(), verifier), authentication, dpopKey);
    }

    /** A token request for any grant (e.g. a refresh token), as {@link #token(AuthorizationCode, CodeVerifier, ClientAuthentication, ECKey)}. */
    public HTTPResponse token(AuthorizationGrant grant, ClientAuthentication authentication, ECKey dpopKey) {
        URI endpoint = provider.getTokenEndpointURI();
        HTTPRequest http = new TokenRequest(endpoint, authentication, grant).toHTTPRequest();
        if (dpopKey != null) {
            http.setDPoP(proof(dpopKey, "POST", endpoint, null));
        }
        return send(http);
    }

    /** A userinfo request with {@code token} (its type decides the scheme: DPoP or Bearer) and {@code dpopProof} if given. */
    public HTTPResponse userInfo(AccessToken token, com.nimbusds.jwt.SignedJWT dpopProof) {
        HTTPRequest http = new UserInfoRequest(provider.getUserInfoEndpointURI(), token).toHTTPRequest();
        if (dpopProof != null) {
            http.setDPoP(dpopProof);
        }
        return send(http);
    }

    /** A DPoP proof (RFC 9449) for one request, with the access token hash when {@code token} is given. */
    public static com.nimbusds.jwt.SignedJWT proof(ECKey key, String method, URI uri, AccessToken token) {
        try {
            DefaultDPoPProofFactory factory = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256);
            return token == null ? factory.createDPoPJWT(method, uri) : factory.createDPoPJWT(method, uri, token);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HTTPResponse send(HTTPRequest request) {
        try {
            return request.send();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
