package vn.dinhdanh.bench.app;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A confidential OIDC client as a portal plays it: the authorization request (code flow, PKCE S256, state,
 * nonce), the redirect back with the code, and (when asked) the token request.
 */
record RelyingParty(URI realmUrl, String clientId, String secret, String redirectUri) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern CODE = Pattern.compile("[?&]code=([^&#]+)");

    /** One login's secrets, kept between the authorization request and the callback. */
    record Request(URI authorizationUrl, String state, String codeVerifier) {
    }

    Request request() {
        String state = random();
        String verifier = random();
        String query = Browser.form(Browser.fields("response_type", "code", "client_id", clientId, "redirect_uri", redirectUri,
                "scope", "openid", "state", state, "nonce", random(), "code_challenge", s256(verifier),
                "code_challenge_method", "S256"));
        return new Request(URI.create(realmUrl + "/protocol/openid-connect/auth?" + query), state, verifier);
    }

    /** The code of the redirect to this client's redirect URI; a redirect with an error, or another state, fails. */
    String code(String location, Request request) {
        if (!location.startsWith(redirectUri + "?")) {
            throw new LoginFailure("redirected elsewhere than the relying party");
        }
        Matcher m = CODE.matcher(location);
        if (!m.find()) {
            throw new LoginFailure("redirect without a code" + (location.contains("error=") ? " (an error)" : ""));
        }
        if (!location.contains("state=" + request.state())) {
            throw new LoginFailure("redirect with another state");
        }
        return m.group(1);
    }

    /** The token request for {@code code}; fails unless it answers 200 with an ID token. */
    void exchange(Browser browser, String code, Request request) {
        HttpResponse<String> response = browser.postBasic(URI.create(realmUrl + "/protocol/openid-connect/token"), clientId, secret,
                Map.of("grant_type", "authorization_code", "code", java.net.URLDecoder.decode(code, StandardCharsets.UTF_8),
                        "redirect_uri", redirectUri, "code_verifier", request.codeVerifier()));
        if (response.statusCode() != 200 || !response.body().contains("\"id_token\"")) {
            throw new LoginFailure("token request: HTTP " + response.statusCode());
        }
    }

    @Override
    public String toString() {
        return "RelyingParty[" + clientId + "]"; // never the secret
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
