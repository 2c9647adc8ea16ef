package vn.dinhdanh.population.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.dinhdanh.population.registry.LoginRefusal;

/**
 * Every refusal has its message in this jar's bundle, which Keycloak adds to every login theme, in Vietnamese and
 * English: a relying party on its own login theme shows no raw key either.
 */
class RefusalMessagesTest {

    private static Properties bundle(String language) throws IOException {
        Properties properties = new Properties();
        try (InputStream stream = RefusalMessagesTest.class.getResourceAsStream(
                "/theme-resources/messages/messages_" + language + ".properties")) {
            assertThat(stream).as("the population jar's " + language + " messages").isNotNull();
            properties.load(new InputStreamReader(stream, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @ParameterizedTest
    @ValueSource(strings = {"vi", "en"})
    void everyRefusalHasAMessage(String language) throws IOException {
        Properties messages = bundle(language);
        for (LoginRefusal refusal : LoginRefusal.values()) {
            assertThat(messages.getProperty(refusal.messageKey())).as(language + ": " + refusal.messageKey()).isNotBlank();
        }
        assertThat(messages.getProperty(CitizenPasswordForm.REGISTRY_UNAVAILABLE_MESSAGE)).as(language).isNotBlank();
    }
}
