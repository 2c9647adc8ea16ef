package vn.dinhdanh.chip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.dinhdanh.chip.verdict.ChipFailure;

/**
 * Every failure code has its message in the chip jar's bundle (every login theme reads it), in Vietnamese and English:
 * no key shows raw.
 */
class ChipMessagesTest {

    /** The chip jar's own bundle, as Keycloak reads it from the classpath for every login theme. */
    private static Properties bundle(String language) throws IOException {
        Properties properties = new Properties();
        try (InputStream stream = ChipMessagesTest.class.getResourceAsStream(
                "/theme-resources/messages/messages_" + language + ".properties")) {
            assertThat(stream).as("the chip jar's " + language + " messages").isNotNull();
            properties.load(new InputStreamReader(stream, StandardCharsets.UTF_8));
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
