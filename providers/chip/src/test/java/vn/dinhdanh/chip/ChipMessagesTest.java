package vn.dinhdanh.chip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.dinhdanh.chip.verdict.ChipFailure;

/** Every failure code has its message in the login theme, in Vietnamese and English: no key shows raw. */
class ChipMessagesTest {

    private static Properties bundle(String language) throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("themes"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the checkout's themes/").isNotNull();
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve(
                "themes/src/main/resources/theme/dinhdanh/login/messages/messages_" + language + ".properties"), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }

    @ParameterizedTest
    @ValueSource(strings = {"vi", "en"})
    void everyCodeHasAMessage(String language) throws IOException {
        Properties messages = bundle(language);
        for (ChipFailure failure : ChipFailure.values()) {
            assertThat(messages.getProperty(failure.messageKey())).as(language + ": " + failure.messageKey()).isNotBlank();
        }
        for (String key : new String[] {"dinhdanh-chip-display-name", "dinhdanh-chip-help-text", "dinhdanh.chip.title",
            "dinhdanh.chip.instructions", "dinhdanh.chip.openApp", "dinhdanh.chip.waiting", "dinhdanh.chip.expired",
            "dinhdanh.chip.retry", "dinhdanh.chip.qrLabel"}) {
            assertThat(messages.getProperty(key)).as(language + ": " + key).isNotBlank();
        }
    }
}
