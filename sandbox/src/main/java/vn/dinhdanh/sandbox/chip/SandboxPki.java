package vn.dinhdanh.sandbox.chip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.ByteBuffer;
import vn.dinhdanh.sandbox.SandboxException;
import vn.dinhdanh.sandbox.SandboxSecrets;
import vn.dinhdanh.virtualchip.Curve;
import vn.dinhdanh.virtualchip.TestPki;

/**
 * The sandbox's own test country PKI (CSCA, Document Signers, CRL): drawn from a random seed kept in the
 * data directory's secrets, so each sandbox has its own, stable across restarts. Its CSCA and CRL are
 * written to {@code chip/sandbox-csca.pem} and only the sandbox's Keycloak is pointed at that file: no
 * other deployment trusts it, and nothing of it is committed.
 */
public final class SandboxPki {

    /** The environment variable that gives the chip provider its trust store. */
    public static final String TRUST_STORE_VARIABLE = "KC_SPI_DINHDANH_CHIP__DEFAULT__TRUST_STORE";
    static final String SEED = "DINHDANH_CHIP_PKI_SEED";

    private SandboxPki() {
    }

    /** The sandbox's second PKI, on brainpoolP256r1 (another CSCA, same seed): for cards of states that use Brainpool. */
    public static TestPki brainpool(Path dataDirectory) {
        return TestPki.generate(seed(dataDirectory), Curve.BRAINPOOL_P256R1);
    }

    public static TestPki of(Path dataDirectory) {
        return TestPki.generate(seed(dataDirectory));
    }

    private static long seed(Path dataDirectory) {
        String secret = SandboxSecrets.get(dataDirectory, SEED);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes both CSCA certificates (P-256 and brainpoolP256r1) and their CRLs (PEM) for the server; returns the file. */
    public static Path writeTrustStore(Path dataDirectory) {
        TestPki pki = of(dataDirectory);
        TestPki brainpool = brainpool(dataDirectory);
        Path file = dataDirectory.resolve("chip/sandbox-csca.pem");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "# dinhdanh sandbox test CSCA and CRL: trusted by this sandbox only, never in production\n"
                    + pki.cscaPem() + pki.crlPem() + brainpool.cscaPem() + brainpool.crlPem());
        } catch (IOException e) {
            throw new SandboxException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }
}
