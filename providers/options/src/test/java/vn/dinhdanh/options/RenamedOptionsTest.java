package vn.dinhdanh.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RenamedOptionsTest {

    private final List<String> warnings = new ArrayList<>();

    private RenamedOptions options(Map<String, String> current, Map<String, String> old) {
        return new RenamedOptions(new MapScope(current), "spi-new--default--", new MapScope(old), "spi-old--x--", warnings::add);
    }

    @Test
    @DisplayName("the new name is read first, without a warning; the old one is not looked at")
    void newName() {
        RenamedOptions options = options(Map.of("lifetime", "30"), Map.of("lifetime", "60"));
        assertThat(options.getInt("lifetime", 120)).isEqualTo(30);
        assertThat(warnings).isEmpty();
    }

    @Test
    @DisplayName("an option only under its old name is read, typed, with one warning naming the new key and variable")
    void oldName() {
        RenamedOptions options = options(Map.of(), Map.of("lifetime", "60", "on", "true"));
        assertThat(options.getInt("lifetime", 120)).isEqualTo(60);
        assertThat(options.getBoolean("on", false)).isTrue();
        assertThat(options.get("lifetime")).isEqualTo("60");
        assertThat(options.getInt("lifetime")).isEqualTo(60);
        assertThat(warnings).containsExactly(
                "option spi-old--x--lifetime is deprecated and will be removed in the next release:"
                        + " use spi-new--default--lifetime (KC_SPI_NEW__DEFAULT__LIFETIME)",
                "option spi-old--x--on is deprecated and will be removed in the next release:"
                        + " use spi-new--default--on (KC_SPI_NEW__DEFAULT__ON)");
    }

    @Test
    @DisplayName("neither name set: the caller's default, no warning")
    void neither() {
        assertThat(options(Map.of(), Map.of()).get("lifetime", "120")).isEqualTo("120");
        assertThat(warnings).isEmpty();
    }
}
