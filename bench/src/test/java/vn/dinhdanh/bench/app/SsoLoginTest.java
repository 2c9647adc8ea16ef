package vn.dinhdanh.bench.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The SSO-cookie login against a server that answers as Keycloak's stock flow does: the password form without a
 * session cookie, the redirect with the code with one.
 */
class SsoLoginTest {

    private static final Pattern STATE = Pattern.compile("(?:^|&)state=([^&]+)");
    private static final String REDIRECT_URI = "http://localhost:8090/callback";

    private HttpServer server;
    private final AtomicInteger passwordPosts = new AtomicInteger();
    private final AtomicInteger authorizationRequests = new AtomicInteger();
    private volatile boolean sessionsEnded;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/realms/dinhdanh/protocol/openid-connect/auth", this::authorize);
        server.createContext("/realms/dinhdanh/login-actions/authenticate", this::signIn);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    @DisplayName("signs in once with a password, then each login is one authorization request answered with the code")
    void signsInOnceThenOneRequestPerLogin() throws Exception {
        SsoLogin login = new SsoLogin(client());
        Rotation<PasswordLogin.Citizen> citizens = new Rotation<>(List.of(new PasswordLogin.Citizen("079303000042", "secret")), 0);

        for (int i = 0; i < 3; i++) {
            assertThat(login.run(citizens)).isPositive();
        }

        assertThat(passwordPosts).hasValue(1);
        assertThat(authorizationRequests).hasValue(1 + 3);
    }

    @Test
    @DisplayName("a page instead of the redirect (the session gone) is a failed login")
    void pageInsteadOfCode() throws Exception {
        SsoLogin login = new SsoLogin(client());
        Rotation<PasswordLogin.Citizen> citizens = new Rotation<>(List.of(new PasswordLogin.Citizen("079303000042", "secret")), 0);
        login.run(citizens);

        sessionsEnded = true;

        assertThatThrownBy(() -> login.run(citizens)).isInstanceOf(LoginFailure.class)
                .hasMessageContaining("the SSO cookie did not answer the authorization request: HTTP 200");
    }

    private RelyingParty client() {
        URI realm = URI.create("http://localhost:" + server.getAddress().getPort() + "/realms/dinhdanh");
        return new RelyingParty(realm, "bench-stock-password", "unused", REDIRECT_URI);
    }

    private void authorize(HttpExchange exchange) throws IOException {
        authorizationRequests.incrementAndGet();
        String query = exchange.getRequestURI().getRawQuery();
        String cookie = exchange.getRequestHeaders().getFirst("Cookie");
        if (!sessionsEnded && cookie != null && cookie.contains("KEYCLOAK_IDENTITY=signed-in")) {
            redirectWithCode(exchange, state(query));
            return;
        }
        String form = "<form id=\"kc-form-login\" action=\"/realms/dinhdanh/login-actions/authenticate?state=" + state(query)
                + "\" method=\"post\"></form>";
        answer(exchange, 200, form);
    }

    private void signIn(HttpExchange exchange) throws IOException {
        passwordPosts.incrementAndGet();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(body).contains("username=079303000042").contains("password=secret");
        exchange.getResponseHeaders().add("Set-Cookie", "KEYCLOAK_IDENTITY=signed-in; Path=/realms/dinhdanh/; Secure; HttpOnly");
        redirectWithCode(exchange, state(exchange.getRequestURI().getRawQuery()));
    }

    private static void redirectWithCode(HttpExchange exchange, String state) throws IOException {
        exchange.getResponseHeaders().add("Location", REDIRECT_URI + "?state=" + state + "&code=a-code");
        answer(exchange, 302, "");
    }

    private static String state(String query) {
        Matcher m = STATE.matcher(query);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
