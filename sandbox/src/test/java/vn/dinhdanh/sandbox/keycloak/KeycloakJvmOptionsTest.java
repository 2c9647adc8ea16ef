package vn.dinhdanh.sandbox.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the JVM options of every dinhdanh Keycloak")
class KeycloakJvmOptionsTest {

    @Test
    @DisplayName("the image sets the same JAVA_OPTS_APPEND as the sandbox")
    void imageAgrees() throws IOException {
        String dockerfile = Files.readString(Path.of(System.getProperty("user.dir")).resolveSibling("docker/Dockerfile"));
        assertThat(dockerfile).contains("ENV " + KeycloakJvmOptions.VARIABLE + "=\"" + KeycloakJvmOptions.VALUE + "\"\n");
    }

    @Test
    @DisplayName("options a caller gives are kept, after ours")
    void callersOptionsKept() {
        Map<String, String> environment = new HashMap<>(Map.of(KeycloakJvmOptions.VARIABLE, "-XX:-UseDynamicNumberOfCompilerThreads"));
        KeycloakJvmOptions.addTo(environment);
        assertThat(environment).containsEntry(KeycloakJvmOptions.VARIABLE,
                KeycloakJvmOptions.VALUE + " -XX:-UseDynamicNumberOfCompilerThreads");
        Map<String, String> none = new HashMap<>();
        KeycloakJvmOptions.addTo(none);
        assertThat(none).containsEntry(KeycloakJvmOptions.VARIABLE, KeycloakJvmOptions.VALUE);
    }
}
