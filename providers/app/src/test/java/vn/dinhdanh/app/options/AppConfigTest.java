package vn.dinhdanh.app.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;
import vn.dinhdanh.app.api.AppSettings;
import vn.dinhdanh.app.device.AttestationPolicy;
import vn.dinhdanh.options.MapScope;

class AppConfigTest {

    @Test
    @DisplayName("with no option set, the settings are the declared defaults")
    void defaults() {
        AppSettings settings = AppConfig.read(new MapScope(Map.of()));
        assertThat(settings.rpId()).isNull();
        assertThat(settings.origins()).isEmpty();
        assertThat(settings.attestation().formats()).containsExactlyInAnyOrder(AttestationPolicy.PACKED, AttestationPolicy.ANDROID_KEY);
        assertThat(settings.attestation().selfAttestation()).isFalse();
        assertThat(settings.attestation().anchors()).isEmpty();
        assertThat(settings.codeLifetime()).isEqualTo(Duration.ofSeconds(900));
        assertThat(settings.pushLifetime()).isEqualTo(Duration.ofSeconds(120));
        assertThat(settings.pushesPerMinute()).isEqualTo(5);
        assertThat(settings.pushesPerAddressPerMinute()).isEqualTo(20);
        assertThat(settings.appClientId()).isEqualTo("vneid-app");
        assertThat(settings.appAttest()).isNull();
        assertThat(settings.appAttestAppIds()).isEmpty();
    }

    @Test
    @DisplayName("the declared defaults are the ones read, option by option")
    void metadataMatchesDefaults() {
        Map<String, Object> declared = new java.util.LinkedHashMap<>();
        for (ProviderConfigProperty option : AppConfig.metadata()) {
            declared.put(option.getName(), option.getDefaultValue());
        }
        assertThat(declared).containsExactly(
                Map.entry("rp-id", ""), Map.entry("origins", ""), Map.entry("allow-none-attestation", false),
                Map.entry("allow-self-attestation", false), Map.entry("attestation-trust-anchors", ""),
                Map.entry("enrolment-code-lifetime", 900), Map.entry("push-lifetime", 120), Map.entry("pushes-per-minute", 5),
                Map.entry("pushes-per-address-per-minute", 20), Map.entry("app-client-id", "vneid-app"),
                Map.entry("app-attest-app-ids", ""), Map.entry("app-attest-environment", "production"));
        assertThat(AppConfig.metadata()).allSatisfy(option -> assertThat(option.getHelpText()).isNotBlank());
    }

    @Test
    @DisplayName("every option set is read; lists are split on commas and trimmed")
    void values() {
        AppSettings settings = AppConfig.read(new MapScope(Map.ofEntries(
                Map.entry("rp-id", "id.gov.vn"), Map.entry("origins", " android:apk-key-hash:abc , ,https://x.vn"),
                Map.entry("allow-none-attestation", "true"), Map.entry("allow-self-attestation", "true"),
                Map.entry("enrolment-code-lifetime", "60"), Map.entry("push-lifetime", "30"),
                Map.entry("pushes-per-minute", "7"), Map.entry("pushes-per-address-per-minute", "9"),
                Map.entry("app-client-id", "other-app"), Map.entry("app-attest-app-ids", "TEAM.vn.gov.vneid, TEAM.b"),
                Map.entry("app-attest-environment", "development"))));
        assertThat(settings.rpId()).isEqualTo("id.gov.vn");
        assertThat(settings.origins()).containsExactlyInAnyOrder("android:apk-key-hash:abc", "https://x.vn");
        assertThat(settings.attestation().formats()).contains(AttestationPolicy.NONE);
        assertThat(settings.attestation().selfAttestation()).isTrue();
        assertThat(settings.codeLifetime()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.pushLifetime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.pushesPerMinute()).isEqualTo(7);
        assertThat(settings.pushesPerAddressPerMinute()).isEqualTo(9);
        assertThat(settings.appClientId()).isEqualTo("other-app");
        assertThat(settings.appAttestAppIds()).containsExactly("TEAM.vn.gov.vneid", "TEAM.b");
        assertThat(settings.appAttest()).isNotNull();
    }

    @Test
    @DisplayName("a push lives 10 to 120 seconds and at least one push a minute is allowed, whatever is set")
    void clamped() {
        AppSettings low = AppConfig.read(new MapScope(Map.of("push-lifetime", "1", "pushes-per-minute", "0",
                "pushes-per-address-per-minute", "-3")));
        assertThat(low.pushLifetime()).isEqualTo(Duration.ofSeconds(10));
        assertThat(low.pushesPerMinute()).isEqualTo(1);
        assertThat(low.pushesPerAddressPerMinute()).isEqualTo(1);
        assertThat(AppConfig.read(new MapScope(Map.of("push-lifetime", "3600"))).pushLifetime()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    @DisplayName("an attestation anchor file that cannot be read stops the start")
    void unreadableAnchors() {
        assertThatThrownBy(() -> AppConfig.read(new MapScope(Map.of("attestation-trust-anchors", "/nonexistent/roots.pem"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/nonexistent/roots.pem");
    }
}
