package vn.dinhdanh.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AuditLineTest {

    @Nested
    @DisplayName("details")
    class Details {

        @Test
        @DisplayName("keep allow-listed keys, sorted")
        void keepsSafeDetails() {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("response_type", "code");
            details.put("auth_method", "openid-connect");
            assertThat(new AuditLine().addDetails(details).toString())
                    .isEqualTo("auth_method=openid-connect response_type=code");
        }

        @Test
        @DisplayName("keep a removed credential's type, drop its id and the label its owner gave it")
        void credentialTypeOnly() {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("credential_type", "vneid-device");
            details.put("credential_id", "5f0c3c1e-credential");
            details.put("selected_credential_id", "5f0c3c1e-credential");
            details.put("credential_user_label", "Điện thoại của An");
            assertThat(new AuditLine().addDetails(details).toString()).isEqualTo("credential_type=vneid-device");
        }

        @Test
        @DisplayName("drop usernames, e-mail addresses, redirect URIs and session handles")
        void dropsPersonalData() {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("username", "079203001234");
            details.put("email", "an@example.vn");
            details.put("redirect_uri", "https://portal.example/cb?x=1");
            details.put("code_id", "a-session-id");
            details.put("auth_method", "saml");
            String line = new AuditLine().addDetails(details).toString();
            assertThat(line).isEqualTo("auth_method=saml")
                    .doesNotContain("079203001234", "an@example.vn", "a-session-id", "portal.example");
        }
    }

    @Nested
    @DisplayName("values")
    class Values {

        @Test
        @DisplayName("cannot forge a second line")
        void noLineInjection() {
            String line = new AuditLine().add("client", "evil\nkind=admin type=DELETE").toString();
            assertThat(line).isEqualTo("client=evil_kind_admin_type_DELETE");
        }

        @Test
        @DisplayName("are bounded in length")
        void bounded() {
            String line = new AuditLine().add("error", "x".repeat(5000)).toString();
            assertThat(line).hasSize("error=".length() + 200 + 3).endsWith("...");
        }

        @Test
        @DisplayName("skip nulls and keep order")
        void order() {
            assertThat(new AuditLine().add("a", 1).add("b", null).add("c", "x").toString()).isEqualTo("a=1 c=x");
        }
    }
}
