package vn.dinhdanh.app.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.dinhdanh.app.api.AppSettings;
import vn.dinhdanh.options.RenamedOptions;
import vn.dinhdanh.options.MapScope;

class RenamedOptionsTest {

    private final List<String> warnings = new ArrayList<>();

    private RenamedOptions options(Map<String, String> current, Map<String, String> old) {
        return new RenamedOptions(new MapScope(current), AppOptionsFactory.PREFIX, new MapScope(old),
                AppOptionsFactory.OLD_PREFIX, warnings::add);
    }

    @Test
    @DisplayName("an option under its new name is read, without a warning")
    void newName() {
        AppSettings settings = AppConfig.read(options(Map.of("push-lifetime", "30"), Map.of()));
        assertThat(settings.pushLifetime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(warnings).isEmpty();
    }

    @Test
    @DisplayName("an option only under its old name still works, with one warning naming the new key")
    void oldName() {
        AppSettings settings = AppConfig.read(options(Map.of(), Map.of("push-lifetime", "30", "pushes-per-minute", "3")));
        assertThat(settings.pushLifetime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.pushesPerMinute()).isEqualTo(3);
        assertThat(warnings).containsExactlyInAnyOrder(
                "option spi-realm-restapi-extension--app--push-lifetime is deprecated and will be removed in the next release:"
                        + " use spi-dinhdanh-app--default--push-lifetime (KC_SPI_DINHDANH_APP__DEFAULT__PUSH_LIFETIME)",
                "option spi-realm-restapi-extension--app--pushes-per-minute is deprecated and will be removed in the next release:"
                        + " use spi-dinhdanh-app--default--pushes-per-minute (KC_SPI_DINHDANH_APP__DEFAULT__PUSHES_PER_MINUTE)");
    }

    @Test
    @DisplayName("an old name read again warns no more")
    void warnsOnce() {
        RenamedOptions options = options(Map.of(), Map.of("push-lifetime", "30"));
        assertThat(options.getInt("push-lifetime", 120)).isEqualTo(30);
        assertThat(options.get("push-lifetime")).isEqualTo("30");
        AppConfig.read(options);
        assertThat(warnings).hasSize(1);
    }

    @Test
    @DisplayName("the new name wins over the old one, and the old one is not read")
    void newWins() {
        AppSettings settings = AppConfig.read(options(Map.of("push-lifetime", "30"), Map.of("push-lifetime", "60")));
        assertThat(settings.pushLifetime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(warnings).isEmpty();
    }

    @Test
    @DisplayName("neither name set: the default, no warning")
    void neither() {
        assertThat(AppConfig.read(options(Map.of(), Map.of())).pushLifetime()).isEqualTo(Duration.ofSeconds(120));
        assertThat(warnings).isEmpty();
    }
}
