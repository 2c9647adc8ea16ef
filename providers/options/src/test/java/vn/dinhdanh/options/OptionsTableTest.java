package vn.dinhdanh.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

class OptionsTableTest {

    private static ProviderConfigProperty option(String name, Object defaultValue, String help) {
        return new ProviderConfigProperty(name, name, help, ProviderConfigProperty.STRING_TYPE, defaultValue);
    }

    @Test
    @DisplayName("a row per option: its Keycloak option and environment variable, its default, its help as cell text")
    void rows() {
        ProviderConfigProperty secret = option("key", null, "Required.");
        secret.setSecret(true);
        String rows = OptionsTable.rows("dinhdanh-app", "default", List.of(option("push-lifetime", 120, "Seconds"),
                option("rp-id", "", "A | B <team id>"), secret));
        assertThat(rows).isEqualTo(
                "| `spi-dinhdanh-app--default--push-lifetime`, `KC_SPI_DINHDANH_APP__DEFAULT__PUSH_LIFETIME` | `120` | Seconds |\n"
                        + "| `spi-dinhdanh-app--default--rp-id`, `KC_SPI_DINHDANH_APP__DEFAULT__RP_ID` | none | A \\| B &lt;team id> |\n"
                        + "| `spi-dinhdanh-app--default--key`, `KC_SPI_DINHDANH_APP__DEFAULT__KEY` | none (secret) | Required. |\n");
    }

    @Test
    @DisplayName("the section between two markers is found; a missing marker is an error, not an empty section")
    void between() {
        String document = "intro\n<!-- a -->\n| x |\n<!-- end of a -->\nrest\n";
        assertThat(OptionsTable.between(document, "<!-- a -->", "<!-- end of a -->")).isEqualTo("| x |\n");
        assertThatThrownBy(() -> OptionsTable.between(document, "<!-- b -->", "<!-- end of b -->"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
