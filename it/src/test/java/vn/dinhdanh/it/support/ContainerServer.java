package vn.dinhdanh.it.support;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import vn.dinhdanh.sandbox.Sandbox;
import vn.dinhdanh.sandbox.SandboxSecrets;
import vn.dinhdanh.sandbox.postgres.Database;
import vn.dinhdanh.sandbox.registry.RegistryDatabase;
import vn.dinhdanh.sandbox.registry.RegistrySetup;

/**
 * The production container image ({@code docker/Dockerfile}) on a PostgreSQL container. Needs a
 * Docker engine: without one, tests asking for it are skipped, not failed.
 */
final class ContainerServer extends ServerTarget {

    private static final int HTTP = 8080;
    private static final int MANAGEMENT = 9000;

    private final Network network = Network.newNetwork();
    private final PostgreSQLContainer<?> postgres;
    private final GenericContainer<?> keycloak;
    private final Database registryOwner;
    private final String trackerKey = vn.dinhdanh.sandbox.SandboxSecrets.random();

    static void assumeDocker() {
        Assumptions.assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
                "no Docker engine on this machine: the container image is not tested here");
    }

    ContainerServer() {
        Path home = Path.of(System.getProperty("dinhdanh.home")).toAbsolutePath().normalize();
        postgres = new PostgreSQLContainer<>("postgres:16-alpine")
                .withNetwork(network).withNetworkAliases("postgres")
                .withDatabaseName("keycloak").withUsername("keycloak").withPassword(SandboxSecrets.random())
                // Keycloak's datasources are XA: two-phase commit needs prepared transactions.
                .withCommand("postgres", "-c", "max_prepared_transactions=64");
        postgres.start();
        // The registry next to Keycloak's database, filled like the sandbox's.
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
             java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE registry");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        registryOwner = new Database(postgres.getJdbcUrl().replace("/keycloak", "/registry"), postgres.getUsername(), postgres.getPassword());
        String readerPassword = SandboxSecrets.random();
        RegistrySetup.prepare(registryOwner, readerPassword, DistributionServer.CITIZENS, line -> { });
        // The same build context as `docker build -f docker/Dockerfile .` from the checkout.
        ImageFromDockerfile image = new ImageFromDockerfile("dinhdanh-it", false)
                .withFileFromPath("docker/Dockerfile", home.resolve("docker/Dockerfile"))
                .withFileFromPath("docker/keycloak.conf", home.resolve("docker/keycloak.conf"))
                .withFileFromPath("realm-config", home.resolve("realm-config"))
                .withFileFromPath("sandbox/target/keycloak-providers", Path.of(System.getProperty("dinhdanh.it.providers")))
                .withDockerfilePath("docker/Dockerfile");
        keycloak = new GenericContainer<>(image)
                .withNetwork(network)
                .withExposedPorts(HTTP, MANAGEMENT)
                .withEnv("KC_DB_URL", "jdbc:postgresql://postgres:5432/keycloak")
                .withEnv("KC_DB_USERNAME", postgres.getUsername())
                .withEnv("KC_DB_PASSWORD", postgres.getPassword())
                .withEnv("KC_DB_URL_FULL_REGISTRY", "jdbc:postgresql://postgres:5432/registry")
                .withEnv("KC_DB_USERNAME_REGISTRY", RegistryDatabase.READER)
                .withEnv("KC_DB_PASSWORD_REGISTRY", readerPassword)
                .withEnv("KC_BOOTSTRAP_ADMIN_USERNAME", Sandbox.ADMIN_USERNAME)
                .withEnv("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword)
                .withEnv("KC_HTTP_ENABLED", "true")
                .withEnv("KC_HOSTNAME_STRICT", "false")
                .withEnv("KC_CACHE", "local")
                .withEnv(relyingParties.realmEnvironment())
                .withEnv(Sandbox.SELF_ATTESTATION_VARIABLE, "true") // the sandbox's software phone
                .withEnv(OldOptionName.VARIABLE, String.valueOf(OldOptionName.CODE_LIFETIME_SECONDS)) // AppEnrolmentIT
                // The data tracker's two keys: required, the image carries none.
                .withEnv(Sandbox.TRACKER_KEY_VARIABLE, trackerKey)
                .withEnv(Sandbox.TRACKER_CHECKPOINT_KEY_VARIABLE, vn.dinhdanh.tracker.checkpoint.CheckpointKey.generate())
                .waitingFor(Wait.forHttp("/health/ready").forPort(MANAGEMENT).withStartupTimeout(Duration.ofMinutes(3)));
        keycloak.start();
        Sandbox.applyOverlays(admin(), home);
    }

    @Override
    public URI baseUrl() {
        return URI.create("http://localhost:" + keycloak.getMappedPort(HTTP));
    }

    @Override
    public String trackerKey() {
        return trackerKey;
    }

    @Override
    public Database registryOwner() {
        return registryOwner;
    }

    @Override
    public String log() {
        return keycloak.getLogs();
    }

    @Override
    public void close() {
        keycloak.stop();
        postgres.stop();
        network.close();
    }
}
