package vn.dinhdanh.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** What the build wrote down: the Keycloak version we run and where its distribution zip is. */
public record SandboxSettings(String keycloakVersion, Path distributionZip) {

    public static SandboxSettings load() {
        Properties properties = new Properties();
        try (InputStream in = SandboxSettings.class.getResourceAsStream("/dinhdanh-sandbox.properties")) {
            properties.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("dinhdanh-sandbox.properties is missing from the sandbox jar", e);
        }
        Path zip = Path.of(properties.getProperty("keycloak.dist"));
        if (!Files.isRegularFile(zip)) {
            throw new SandboxException("the Keycloak distribution " + zip.getFileName() + " is not in the local Maven "
                    + "repository; run ./mvnw -DskipTests package once (it downloads it from Maven Central)");
        }
        return new SandboxSettings(properties.getProperty("keycloak.version"), zip);
    }
}
