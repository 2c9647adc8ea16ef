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
    /** Client secret of the sample bank's eKYC service account ({@code bank-ekyc}). */
    public static final String BANK_EKYC_SECRET = "DINHDANH_BANK_EKYC_SECRET";
    /** Client secret of the sample bank call centre's CIBA client ({@code bank-call-centre}). */
    public static final String BANK_CALL_CENTRE_SECRET = "DINHDANH_BANK_CALL_CENTRE_SECRET";
    /** Key of the data tracker's chain (HMACs and pseudonyms): the server's option and `audit verify`'s key. */
    public static final String TRACKER_KEY = "DINHDANH_TRACKER_KEY";
    /** The data tracker's checkpoint key (a private EC P-256 JWK): signs checkpoints and citizens' receipts. */
    public static final String TRACKER_CHECKPOINT_KEY = "DINHDANH_TRACKER_CHECKPOINT_KEY";
    /** Client secret of the second sample OIDC relying party ({@code library-portal}, another pairwise sector). */
    public static final String LIBRARY_PORTAL_SECRET = "DINHDANH_LIBRARY_PORTAL_SECRET";
    /**
     * Salt of the pairwise subject identifiers (client scope {@code pairwise_subject}): kept, since a new salt
     * gives every citizen a new {@code sub} at every relying party.
     */
    public static final String PAIRWISE_SALT = "DINHDANH_PAIRWISE_SALT";
    /** Password of the registry's read-only role. */
    public static final String REGISTRY_READER_PASSWORD = "DINHDANH_REGISTRY_PASSWORD";

    private SandboxSecrets() {
    }

    public static String publicPortalSecret(Path dataDirectory) {
        return get(dataDirectory, PUBLIC_PORTAL_SECRET);
    }

    /** The secret {@code name}, drawn at random and kept on first use. */
    public static String get(Path dataDirectory, String name) {
        return get(dataDirectory, name, SandboxSecrets::random);
    }

    /** The data tracker's checkpoint key, a private JWK drawn on first use and kept outside Keycloak's database. */
    public static String trackerCheckpointKey(Path dataDirectory) {
        return get(dataDirectory, TRACKER_CHECKPOINT_KEY, vn.dinhdanh.tracker.checkpoint.CheckpointKey::generate);
    }

    /** The secret {@code name}, made by {@code draw} and kept on first use. */
    public static String get(Path dataDirectory, String name, java.util.function.Supplier<String> draw) {
        Path file = dataDirectory.resolve("sandbox-secrets.properties");
        Properties properties = new Properties();
        try {
            if (Files.isRegularFile(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    properties.load(in);
                }
            }
            String secret = properties.getProperty(name);
            if (secret == null || secret.isBlank()) {
                secret = draw.get();
                properties.setProperty(name, secret);
                Files.createDirectories(dataDirectory);
                Files.deleteIfExists(file);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try (Writer out = Files.newBufferedWriter(file)) {
                    properties.store(out, "dinhdanh sandbox secrets: sample relying parties, registry reader");
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
