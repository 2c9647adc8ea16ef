package vn.dinhdanh.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import vn.dinhdanh.sandbox.Closer;
import vn.dinhdanh.sandbox.FileTrees;
import vn.dinhdanh.sandbox.Ports;
import vn.dinhdanh.sandbox.Sandbox;
import vn.dinhdanh.sandbox.SandboxSettings;
import vn.dinhdanh.sandbox.chip.SandboxPki;
import vn.dinhdanh.sandbox.postgres.Database;
import vn.dinhdanh.virtualchip.TestPki;

/**
 * The real Keycloak distribution with our providers, built and started by the sandbox's own code
 * ({@code kc.sh build}, {@code start --optimized}) on a fresh embedded PostgreSQL, random ports.
 */
final class DistributionServer extends ServerTarget {

    /** Enough for every persona the tests need, quick to generate. */
    static final int CITIZENS = 20_000;

    /** Short enough that the expiry test waits little, long enough for a browser login on a busy machine. */
    static final int CHIP_CHALLENGE_SECONDS = 30;
    static final int APP_PUSH_SECONDS = 20;

    private final Closer closer = new Closer();
    private final Sandbox sandbox;
    private final Path data;
    private final int pushGatewayPort = Ports.free();

    DistributionServer() {
        Path home = Path.of(System.getProperty("dinhdanh.home")).toAbsolutePath().normalize();
        Path work = Path.of(System.getProperty("dinhdanh.it.work")).toAbsolutePath();
        data = work.resolve("data");
        try {
            FileTrees.delete(data); // every run starts from an empty database
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> environment = environment(relyingParties, pushGatewayPort);
        Sandbox.Plan plan = new Sandbox.Plan(home, Path.of(System.getProperty("dinhdanh.it.providers")), data, work,
                Ports.free(), Ports.free(), null, adminPassword, environment, CITIZENS, null);
        sandbox = Sandbox.start(plan, SandboxSettings.load(), closer, line -> System.out.println("[it] " + line));
    }

    /** What every server the tests start runs with: the relying parties' secrets and the tests' short lifetimes. */
    static Map<String, String> environment(RelyingParties relyingParties, int pushGatewayPort) {
        Map<String, String> environment = new HashMap<>(relyingParties.realmEnvironment());
        environment.put("KC_SPI_DINHDANH_CHIP__DEFAULT__CHALLENGE_LIFETIME", String.valueOf(CHIP_CHALLENGE_SECONDS));
        // The relaxed AA policy, so that the tests see both sides: the API answering "valid, passive only"
        // and the chip login refusing that card all the same (the default, AA required, is unit-tested).
        environment.put("KC_SPI_DINHDANH_CHIP__DEFAULT__REQUIRE_ACTIVE_AUTHENTICATION", "false");
        // VNeID pushes expire after 20 s here, so that the expiry test waits little.
        environment.put("KC_SPI_DINHDANH_APP__DEFAULT__PUSH_LIFETIME", String.valueOf(APP_PUSH_SECONDS));
        // An option under its old name, still read for one release (AppEnrolmentIT).
        environment.put(OldOptionName.VARIABLE, String.valueOf(OldOptionName.CODE_LIFETIME_SECONDS));
        // FCM and APNs on loopback: a test plays Google's and Apple's push services on this port (AppPushDeliveryIT).
        environment.put("KC_SPI_DINHDANH_PUSH__MOBILE__FCM_ENDPOINT", "http://127.0.0.1:" + pushGatewayPort);
        environment.put("KC_SPI_DINHDANH_PUSH__MOBILE__FCM_TOKEN_ENDPOINT", "http://127.0.0.1:" + pushGatewayPort + "/token");
        environment.put("KC_SPI_DINHDANH_PUSH__MOBILE__APNS_ENDPOINT", "http://127.0.0.1:" + pushGatewayPort);
        // A relying party that never takes its logout token is given up after 20 s here (1 h by default), so that the
        // test of the admin event waits little; waits between tries stay short (at most 4 s).
        environment.put("KC_SPI_STORAGE__DINHDANH_POPULATION__LOGOUT_RETRY_FOR", "20");
        environment.put("KC_SPI_STORAGE__DINHDANH_POPULATION__LOGOUT_RETRY_MAX_INTERVAL", "4");
        return environment;
    }

    @Override
    public URI baseUrl() {
        return sandbox.server().baseUrl();
    }

    @Override
    public int pushGatewayPort() {
        return pushGatewayPort;
    }

    @Override
    public Path vaultDirectory() {
        return Sandbox.vaultDirectory(data);
    }

    @Override
    public TestPki chipPki() {
        return SandboxPki.of(data);
    }

    @Override
    public URI managementUrl() {
        return sandbox.server().managementUrl();
    }

    @Override
    public Path chipTrustFile() {
        return data.resolve("chip/sandbox-csca.pem");
    }

    @Override
    public TestPki brainpoolChipPki() {
        return SandboxPki.brainpool(data);
    }

    @Override
    public Database registryOwner() {
        return sandbox.registryOwner();
    }

    @Override
    public Database keycloakDatabase() {
        return sandbox.database();
    }

    @Override
    public String trackerKey() {
        return vn.dinhdanh.sandbox.SandboxSecrets.get(data, vn.dinhdanh.sandbox.SandboxSecrets.TRACKER_KEY);
    }

    @Override
    public String log() {
        try {
            return Files.readString(sandbox.server().log());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        closer.close();
    }
}
