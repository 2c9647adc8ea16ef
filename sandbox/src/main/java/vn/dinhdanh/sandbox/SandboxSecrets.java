package vn.dinhdanh.sandbox;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * Secrets of the sample relying parties, drawn at random on first start and kept (owner-only) in
 * the data directory. None is committed: the realm files take them from the environment.
 */
public final class SandboxSecrets {

    public static final String PUBLIC_PORTAL_SECRET = "DINHDANH_PUBLIC_PORTAL_SECRET";

    private SandboxSecrets() {
    }

    public static String publicPortalSecret(Path dataDirectory) {
        Path file = dataDirectory.resolve("sandbox-secrets.properties");
        Properties properties = new Properties();
        try {
            if (Files.isRegularFile(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    properties.load(in);
                }
            }
            String secret = properties.getProperty(PUBLIC_PORTAL_SECRET);
            if (secret == null || secret.isBlank()) {
                secret = random();
                properties.setProperty(PUBLIC_PORTAL_SECRET, secret);
                Files.createDirectories(dataDirectory);
                Files.deleteIfExists(file);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try (Writer out = Files.newBufferedWriter(file)) {
                    properties.store(out, "dinhdanh sandbox: client secrets of the sample relying parties");
                }
            }
            return secret;
        } catch (IOException e) {
            throw new SandboxException("cannot read or write " + file + ": " + e.getMessage(), e);
        }
    }

    public static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
