package vn.dinhdanh.chip.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;
import vn.dinhdanh.chip.ChipPolicy;
import vn.dinhdanh.options.MapScope;

class ChipConfigTest {

    @Test
    @DisplayName("with no option set, the settings are the declared defaults: nothing trusted, every check on")
    void defaults() {
        ChipConfig config = ChipConfig.read(new MapScope(Map.of()));
        assertThat(config.trustStore()).isEmpty();
        assertThat(config.masterListAnchors()).isEmpty();
        assertThat(config.trustReloadInterval()).isEqualTo(Duration.ofSeconds(300));
        assertThat(config.crlWarning()).isEqualTo(Duration.ofDays(14));
        assertThat(config.policy()).isEqualTo(ChipPolicy.DEFAULT.withCscaCountry(ChipPolicy.VIETNAM)
                .withRequireActiveAuthentication(true).withRequireDocumentStatus(true).withRequireRevocationList(true));
        assertThat(config.challengeLifetime()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.ekycRole()).isEqualTo("ekyc");
        assertThat(config.maxRequestBytes()).isEqualTo(524288);
    }

    @Test
    @DisplayName("the declared defaults are the ones read, option by option")
    void metadata() {
        Map<String, Object> declared = new java.util.LinkedHashMap<>();
        for (ProviderConfigProperty option : ChipConfig.metadata()) {
            declared.put(option.getName(), option.getDefaultValue());
        }
        assertThat(declared).containsExactly(Map.entry("trust-store", ""), Map.entry("master-list-anchors", ""),
                Map.entry("trust-reload-interval", 300), Map.entry("crl-warning-days", 14), Map.entry("csca-country", "VN"),
                Map.entry("challenge-lifetime", 120), Map.entry("require-active-authentication", true),
                Map.entry("require-document-status", true), Map.entry("require-revocation-list", true),
                Map.entry("ekyc-role", "ekyc"), Map.entry("max-request-bytes", 524288));
    }

    @Test
    @DisplayName("every option set is read; the trust files are checked at least every 10 seconds")
    void values() {
        ChipConfig config = ChipConfig.read(new MapScope(Map.ofEntries(Map.entry("trust-store", "/a.pem,/b.ml"),
                Map.entry("master-list-anchors", "/c.pem"), Map.entry("trust-reload-interval", "1"),
                Map.entry("crl-warning-days", "3"), Map.entry("csca-country", "UT"), Map.entry("challenge-lifetime", "60"),
                Map.entry("require-active-authentication", "false"), Map.entry("require-document-status", "false"),
                Map.entry("require-revocation-list", "false"), Map.entry("ekyc-role", "bank"),
                Map.entry("max-request-bytes", "1000"))));
        assertThat(config.trustStore()).isEqualTo("/a.pem,/b.ml");
        assertThat(config.masterListAnchors()).isEqualTo("/c.pem");
        assertThat(config.trustReloadInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.crlWarning()).isEqualTo(Duration.ofDays(3));
        assertThat(config.policy()).isEqualTo(ChipPolicy.DEFAULT.withCscaCountry("UT").withRequireActiveAuthentication(false)
                .withRequireDocumentStatus(false).withRequireRevocationList(false));
        assertThat(config.challengeLifetime()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.ekycRole()).isEqualTo("bank");
        assertThat(config.maxRequestBytes()).isEqualTo(1000);
    }
}
