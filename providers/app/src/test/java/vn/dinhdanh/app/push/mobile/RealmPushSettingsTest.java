package vn.dinhdanh.app.push.mobile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.dinhdanh.app.push.mobile.RealmPushSettings.APNS_ENVIRONMENT;
import static vn.dinhdanh.app.push.mobile.RealmPushSettings.APNS_KEY;
import static vn.dinhdanh.app.push.mobile.RealmPushSettings.APNS_KEY_ID;
import static vn.dinhdanh.app.push.mobile.RealmPushSettings.APNS_TEAM_ID;
import static vn.dinhdanh.app.push.mobile.RealmPushSettings.APNS_TOPIC;
import static vn.dinhdanh.app.push.mobile.RealmPushSettings.FCM_PROJECT_ID;
import static vn.dinhdanh.app.push.mobile.RealmPushSettings.FCM_SERVICE_ACCOUNT;

import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A realm's push settings from its attributes and vault. */
class RealmPushSettingsTest {

    static KeyPair rsa;
    static KeyPair ec;

    final Map<String, String> attributes = new HashMap<>();
    final Map<String, String> vault = new HashMap<>();
    final RealmPushSettings settings = new RealmPushSettings(attributes::get, vault::get);

    @BeforeAll
    static void keys() throws Exception {
        rsa = TestKeys.rsa();
        ec = TestKeys.p256();
    }

    @Test
    @DisplayName("a realm without push attributes has neither platform")
    void none() {
        assertThat(settings.fcm()).isEmpty();
        assertThat(settings.apns()).isEmpty();
        assertThat(RealmPushSettings.NONE.fcm()).isEmpty();
    }

    @Nested
    @DisplayName("FCM")
    class Fcm {

        @Test
        @DisplayName("the project id and the service account from the vault")
        void configured() {
            attributes.put(FCM_PROJECT_ID, "vneid-prod");
            attributes.put(FCM_SERVICE_ACCOUNT, "${vault.fcm-service-account}");
            vault.put("${vault.fcm-service-account}", TestKeys.serviceAccount(rsa, null));

            FcmConfig fcm = settings.fcm().orElseThrow();
            assertThat(fcm.projectId()).isEqualTo("vneid-prod");
            assertThat(fcm.account().clientEmail()).isEqualTo("push@vneid-test.iam.gserviceaccount.com");
            assertThat(fcm.account().privateKey()).isEqualTo(rsa.getPrivate());
            assertThat(fcm.account().tokenUri()).as("Google's when the file names none").isEqualTo(URI.create("https://oauth2.googleapis.com/token"));
            assertThat(fcm.toString()).doesNotContain("PRIVATE", "modulus");
        }

        @Test
        @DisplayName("a project id without a service account is a configuration error naming the attribute")
        void half() {
            attributes.put(FCM_PROJECT_ID, "vneid-prod");

            assertThatThrownBy(settings::fcm).isInstanceOf(InvalidPushConfig.class).hasMessageContaining(FCM_SERVICE_ACCOUNT);
        }

        @Test
        @DisplayName("the service account itself in the attribute is refused, and not repeated")
        void notVault() {
            attributes.put(FCM_PROJECT_ID, "vneid-prod");
            attributes.put(FCM_SERVICE_ACCOUNT, TestKeys.serviceAccount(rsa, null));

            assertThatThrownBy(settings::fcm).isInstanceOf(InvalidPushConfig.class).hasMessageContaining("vault reference")
                    .message().doesNotContain("PRIVATE KEY", "client_email");
        }

        @Test
        @DisplayName("a vault without the secret, or a file that is not a service account, is refused without quoting it")
        void unusable() {
            attributes.put(FCM_PROJECT_ID, "vneid-prod");
            attributes.put(FCM_SERVICE_ACCOUNT, "${vault.fcm-service-account}");
            assertThatThrownBy(settings::fcm).isInstanceOf(InvalidPushConfig.class).hasMessageContaining("vault does not have");

            vault.put("${vault.fcm-service-account}", "{\"private_key\": \"SECRET-MATERIAL");
            assertThatThrownBy(settings::fcm).isInstanceOf(InvalidPushConfig.class).message().doesNotContain("SECRET-MATERIAL");

            vault.put("${vault.fcm-service-account}", "{\"client_email\": \"a@b\", \"private_key\": \"SECRET-MATERIAL\"}");
            assertThatThrownBy(settings::fcm).isInstanceOf(InvalidPushConfig.class).message().doesNotContain("SECRET-MATERIAL");
        }

        @Test
        @DisplayName("a project id that would change the request path is refused")
        void projectId() {
            attributes.put(FCM_PROJECT_ID, "vneid/../../other");
            attributes.put(FCM_SERVICE_ACCOUNT, "${vault.fcm-service-account}");

            assertThatThrownBy(settings::fcm).isInstanceOf(InvalidPushConfig.class).hasMessageContaining(FCM_PROJECT_ID);
        }
    }

    @Nested
    @DisplayName("APNs")
    class Apns {

        void configure() {
            attributes.put(APNS_TEAM_ID, "TEAM123456");
            attributes.put(APNS_KEY_ID, "KEY7654321");
            attributes.put(APNS_TOPIC, "vn.gov.vneid");
            attributes.put(APNS_KEY, "${vault.apns-key}");
            vault.put("${vault.apns-key}", TestKeys.pem(ec.getPrivate()));
        }

        @Test
        @DisplayName("team, key id, topic and the .p8 key from the vault; production unless development is asked for")
        void configured() {
            configure();

            ApnsConfig apns = settings.apns().orElseThrow();
            assertThat(apns.key()).isEqualTo(new ApnsConfig.ProviderKey("TEAM123456", "KEY7654321", ec.getPrivate()));
            assertThat(apns.topic()).isEqualTo("vn.gov.vneid");
            assertThat(apns.production()).isTrue();
            assertThat(apns.toString()).doesNotContain("PRIVATE");

            attributes.put(APNS_ENVIRONMENT, "development");
            assertThat(settings.apns().orElseThrow().production()).isFalse();
            attributes.put(APNS_ENVIRONMENT, "staging");
            assertThatThrownBy(settings::apns).isInstanceOf(InvalidPushConfig.class).hasMessageContaining(APNS_ENVIRONMENT);
        }

        @Test
        @DisplayName("a missing topic is a configuration error naming the attribute")
        void half() {
            configure();
            attributes.remove(APNS_TOPIC);

            assertThatThrownBy(settings::apns).isInstanceOf(InvalidPushConfig.class).hasMessageContaining(APNS_TOPIC);
        }

        @Test
        @DisplayName("only a P-256 EC key will do: an RSA or P-384 key is refused")
        void wrongKey() throws Exception {
            configure();
            vault.put("${vault.apns-key}", TestKeys.pem(rsa.getPrivate()));
            assertThatThrownBy(settings::apns).isInstanceOf(InvalidPushConfig.class).hasMessageContaining(APNS_KEY);

            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp384r1"));
            vault.put("${vault.apns-key}", TestKeys.pem(generator.generateKeyPair().getPrivate()));
            assertThatThrownBy(settings::apns).isInstanceOf(InvalidPushConfig.class).hasMessageContaining("P-256");
        }
    }
}
