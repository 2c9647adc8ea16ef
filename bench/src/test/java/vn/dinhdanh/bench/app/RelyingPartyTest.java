package vn.dinhdanh.bench.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RelyingPartyTest {

    private final RelyingParty portal = new RelyingParty(URI.create("http://localhost:8080/realms/dinhdanh"), "public-portal",
            "s3cret", "http://localhost:8090/callback");

    @Test
    @DisplayName("PKCE S256 as RFC 7636's appendix B computes it")
    void s256() {
        assertThat(RelyingParty.s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    @DisplayName("the authorization request: code flow, the client, its redirect, a fresh state and the verifier's challenge")
    void request() {
        RelyingParty.Request request = portal.request();
        String url = request.authorizationUrl().toString();
        assertThat(url).startsWith("http://localhost:8080/realms/dinhdanh/protocol/openid-connect/auth?response_type=code&client_id=public-portal")
                .contains("redirect_uri=http%3A%2F%2Flocalhost%3A8090%2Fcallback", "state=" + request.state(),
                        "code_challenge=" + RelyingParty.s256(request.codeVerifier()), "code_challenge_method=S256");
        assertThat(portal.request().state()).isNotEqualTo(request.state());
    }

    @Test
    @DisplayName("the code comes only from a redirect to the client, with the request's state")
    void code() {
        RelyingParty.Request request = portal.request();
        assertThat(portal.code("http://localhost:8090/callback?state=" + request.state() + "&session_state=x&code=abc.def", request))
                .isEqualTo("abc.def");
        assertThatThrownBy(() -> portal.code("http://localhost:8090/callback?state=other&code=abc", request))
                .isInstanceOf(LoginFailure.class).hasMessageContaining("another state");
        assertThatThrownBy(() -> portal.code("http://localhost:8090/callback?error=access_denied&state=" + request.state(), request))
                .isInstanceOf(LoginFailure.class).hasMessageContaining("an error");
        assertThatThrownBy(() -> portal.code("http://evil.example/callback?code=abc&state=" + request.state(), request))
                .isInstanceOf(LoginFailure.class);
    }

    @Test
    void neverShowsItsSecret() {
        assertThat(portal.toString()).doesNotContain("s3cret");
    }
}
