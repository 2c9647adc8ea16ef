package vn.dinhdanh.claims.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import vn.dinhdanh.claims.consent.ConsentRule.Client;
import vn.dinhdanh.claims.consent.ConsentRule.Refusal;

class ConsentRuleTest {

    private static final Map<String, String> PURPOSE = Map.of(ConsentRule.PURPOSE, "Cấp thẻ bạn đọc");

    private static Client oidc(Boolean standardFlow, Boolean consent, Map<String, String> attributes) {
        return new Client("rp", "openid-connect", standardFlow, null, consent, attributes);
    }

    @Nested
    @DisplayName("at registration and update")
    class Registration {

        @Test
        @DisplayName("a relying party registered as the docs show (no consentRequired, code flow by default) gets consent")
        void forcedOnByDefault() {
            assertThat(ConsentRule.forcesConsent(oidc(null, null, PURPOSE))).isTrue();
            assertThat(ConsentRule.forcesConsent(oidc(true, false, PURPOSE))).isTrue();
            assertThat(ConsentRule.checkRegistration(oidc(null, null, PURPOSE))).isEmpty();
        }

        @Test
        @DisplayName("without a purpose: purpose_required (a blank one too)")
        void purposeRequired() {
            assertThat(ConsentRule.checkRegistration(oidc(null, null, Map.of()))).contains(Refusal.purpose_required);
            assertThat(ConsentRule.checkRegistration(oidc(null, null, Map.of(ConsentRule.PURPOSE, "  ")))).contains(Refusal.purpose_required);
        }

        @Test
        @DisplayName("a CIBA client receives citizen data too: purpose required even without the code flow")
        void ciba() {
            Client ciba = oidc(false, null, Map.of(ConsentRule.CIBA_GRANT, "true"));
            assertThat(ConsentRule.checkRegistration(ciba)).contains(Refusal.purpose_required);
        }

        @Test
        @DisplayName("a SAML SP must name its data items as well as its purpose")
        void saml() {
            Client sp = new Client("sp", "saml", null, null, null, PURPOSE);
            assertThat(ConsentRule.checkRegistration(sp)).contains(Refusal.consent_text_required);
            Client named = new Client("sp", "saml", null, null, null,
                    Map.of(ConsentRule.PURPOSE, "x", ConsentRule.CONSENT_TEXT, "Họ và tên"));
            assertThat(ConsentRule.checkRegistration(named)).isEmpty();
            assertThat(ConsentRule.forcesConsent(named)).isTrue();
        }

        @Test
        @DisplayName("a machine-only client (client credentials) and the identity provider's own clients are left alone")
        void exempt() {
            assertThat(ConsentRule.checkRegistration(oidc(false, null, Map.of()))).isEmpty();
            assertThat(ConsentRule.forcesConsent(oidc(false, null, Map.of()))).isFalse();
            Client app = oidc(true, null, Map.of(ConsentRule.FIRST_PARTY, "true"));
            assertThat(ConsentRule.forcesConsent(app)).isFalse();
            Client console = new Client("account-console", "openid-connect", true, null, false, Map.of());
            assertThat(ConsentRule.checkRegistration(console)).isEmpty();
        }
    }

    @Nested
    @DisplayName("at each login request")
    class Login {

        @Test
        @DisplayName("a relying party whose consent is off (an import, the database) is refused")
        void consentOff() {
            assertThat(ConsentRule.checkLogin(oidc(true, false, PURPOSE))).contains(Refusal.consent_not_enabled);
            assertThat(ConsentRule.checkLogin(new Client("sp", "saml", null, null, false, PURPOSE))).contains(Refusal.consent_not_enabled);
            assertThat(ConsentRule.checkLogin(oidc(true, true, PURPOSE))).isEmpty();
        }

        @Test
        @DisplayName("the account console and first-party clients log in without a consent page")
        void exempt() {
            assertThat(ConsentRule.checkLogin(new Client("account-console", "openid-connect", true, null, false, Map.of()))).isEmpty();
            assertThat(ConsentRule.checkLogin(oidc(true, false, Map.of(ConsentRule.FIRST_PARTY, "true")))).isEmpty();
        }

        @Test
        @DisplayName("the description starts with the stable code")
        void description() {
            assertThat(Refusal.consent_not_enabled.description()).startsWith("consent_not_enabled: ");
        }
    }
}
