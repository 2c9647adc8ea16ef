package vn.dinhdanh.bench.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The pages are the server's own, captured from a sandbox run and trimmed (login-pages/*.html). */
class LoginPagesTest {

    static String page(String name) {
        try (InputStream in = LoginPagesTest.class.getResourceAsStream("/login-pages/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Nested
    @DisplayName("the VNeID app page")
    class AppPage {

        @Test
        @DisplayName("identify: the ID number's form posts to the login action, entities decoded")
        void sendForm() {
            assertThat(LoginPages.formAction(page("app-identify.html"), "dinhdanh-app-send-form")).hasValueSatisfying(action -> {
                assertThat(action).startsWith("http://localhost:8080/realms/dinhdanh/login-actions/authenticate?session_code=");
                assertThat(action).contains("&execution=").doesNotContain("&amp;");
            });
            assertThat(LoginPages.formAction(page("app-identify.html"), "kc-select-try-another-way-form")).isPresent();
        }

        @Test
        @DisplayName("waiting: the number shown, the state URL to poll, the form the script submits")
        void waiting() {
            String html = page("app-waiting.html");
            assertThat(LoginPages.text(html, "dinhdanh-app-number")).hasValue("94");
            assertThat(LoginPages.attribute(html, "data-state-url"))
                    .hasValue("http://localhost:8080/realms/dinhdanh/app/challenges/2w5PKyhBCf4BfAj7EmFiRA");
            assertThat(LoginPages.formAction(html, "dinhdanh-app-form")).hasValueSatisfying(a -> assertThat(a).contains("session_code="));
        }

        @Test
        @DisplayName("what a page does not have is empty, not an error")
        void absent() {
            String html = page("app-identify.html");
            assertThat(LoginPages.text(html, "dinhdanh-app-number")).isEmpty();
            assertThat(LoginPages.formAction(html, "kc-form-login")).isEmpty();
            assertThat(LoginPages.attribute(html, "data-nothing")).isEmpty();
        }
    }

    @Nested
    @DisplayName("\"try another way\"'s list")
    class MethodList {

        @Test
        @DisplayName("finds the password login's own form and execution, not the first method's")
        void password() {
            String html = page("select-authenticator.html");
            assertThat(LoginPages.choice(html, LoginPages.PASSWORD_METHOD)).hasValueSatisfying(choice -> {
                assertThat(choice.execution()).isEqualTo("12e7c717-9110-4c75-8776-049e2436ab7f");
                assertThat(choice.action()).startsWith("http://localhost:8080/realms/dinhdanh/login-actions/authenticate?").doesNotContain("&amp;");
            });
            assertThat(LoginPages.choice(html, "Thẻ căn cước gắn chip")).map(LoginPages.Choice::execution)
                    .hasValue("b607368a-3207-4697-ba4f-76f93ee36dce");
        }

        @Test
        @DisplayName("finds each method on the dinhdanh theme's list (a form per method, no form id)")
        void dinhdanhTheme() {
            String html = page("select-authenticator-dinhdanh.html");
            assertThat(LoginPages.choice(html, LoginPages.PASSWORD_METHOD)).hasValueSatisfying(choice -> {
                assertThat(choice.execution()).isEqualTo("12e7c717-9110-4c75-8776-049e2436ab7f");
                assertThat(choice.action()).startsWith("http://localhost:8080/realms/dinhdanh/login-actions/authenticate?").doesNotContain("&amp;");
            });
            assertThat(LoginPages.choice(html, "Thẻ căn cước gắn chip")).map(LoginPages.Choice::execution)
                    .hasValue("b607368a-3207-4697-ba4f-76f93ee36dce");
            assertThat(LoginPages.choice(html, "WebAuthn")).isEmpty();
        }

        @Test
        @DisplayName("a method not on the list, or a page without the list")
        void missing() {
            assertThat(LoginPages.choice(page("select-authenticator.html"), "WebAuthn")).isEmpty();
            assertThat(LoginPages.choice(page("app-waiting.html"), LoginPages.PASSWORD_METHOD)).isEmpty();
        }
    }

    @Test
    @DisplayName("HTML entities: named and numeric, the rest left alone")
    void unescape() {
        assertThat(LoginPages.unescape("a&amp;b &lt;&gt; &quot;x&quot; &#39;&#x1EA1;&apos; &nbsp; plain")).isEqualTo("a&b <> \"x\" 'ạ' &nbsp; plain");
        assertThat(LoginPages.unescape("no entities")).isEqualTo("no entities");
    }
}
