package vn.dinhdanh.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import vn.dinhdanh.sandbox.chip.SandboxPki;
import vn.dinhdanh.sandbox.keycloak.KeycloakAdmin;
import vn.dinhdanh.sandbox.keycloak.KeycloakDistribution;
import vn.dinhdanh.sandbox.keycloak.KeycloakServer;
import vn.dinhdanh.sandbox.keycloak.ServerOptions;
import vn.dinhdanh.sandbox.postgres.Database;
import vn.dinhdanh.sandbox.postgres.EmbeddedDatabase;
import vn.dinhdanh.sandbox.registry.RegistryDatabase;
import vn.dinhdanh.sandbox.registry.RegistrySetup;

/**
 * The whole system on one machine: PostgreSQL, Keycloak with our providers, theme and realm, and
 * the sandbox overlay (test users). {@code ./dinhdanh up} and the integration tests both start it
 * here, so the tests exercise exactly what a newcomer runs.
 */
public final class Sandbox implements AutoCloseable {

    public static final String REALM = "dinhdanh";
    public static final String ADMIN_USERNAME = "admin";
    /** How long a start may take; a machine loaded by other work can pass {@code -Ddinhdanh.readyTimeoutSeconds}. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(Long.getLong("dinhdanh.readyTimeoutSeconds", 180));

    private final Closer closer;
    private final KeycloakServer server;
    private final Database database;
    private final Database registry;
    private final Database registryOwner;
    private final Plan plan;

    private Sandbox(Closer closer, KeycloakServer server, Database database, Database registry, Database registryOwner,
                    Plan plan) {
        this.closer = closer;
        this.server = server;
        this.database = database;
        this.registry = registry;
        this.registryOwner = registryOwner;
        this.plan = plan;
    }

    /**
     * What to start, and where.
     *
     * @param projectHome        the checkout: {@code realm-config/} and {@code docker/keycloak.conf} are read from it
     * @param providers          directory of the provider jars to deploy
     * @param dataDirectory      PostgreSQL data ({@code postgres/}), logs; kept between starts
     * @param keycloakParent     where the distribution is unpacked and built (a cache)
     * @param externalDatabase   a PostgreSQL to use instead of the embedded one, or {@code null}
     * @param realmEnvironment   values for the {@code ${...}} placeholders of the realm files, and other
     *                           server environment (e.g. {@code KC_SPI_...} options)
     * @param seedCitizens       synthetic citizens to put into an empty embedded registry
     * @param externalRegistry   with an external database: the registry to read (never written), else {@code null}
     */
    public record Plan(Path projectHome, Path providers, Path dataDirectory, Path keycloakParent,
                       int httpPort, int managementPort, Database externalDatabase, String adminPassword,
                       Map<String, String> realmEnvironment, int seedCitizens, Database externalRegistry) {

        @Override
        public String toString() {
            return "Plan[" + projectHome + ", http=" + httpPort + "]";
        }
    }

    /**
     * Starts everything, registering each part with {@code closer} as soon as it runs, so that
     * whoever closes it (a shutdown hook, a test) stops exactly what was started.
     */
    public static Sandbox start(Plan plan, SandboxSettings settings, Closer closer, Consumer<String> progress) {
        try {
            Shared shared = prepare(plan, settings, closer, progress);
            progress.accept("starting Keycloak on " + "http://localhost:" + plan.httpPort());
            KeycloakServer server = closer.register(KeycloakServer.start(shared.distribution(), new ServerOptions(
                    plan.httpPort(), plan.managementPort(), shared.database(), shared.registry(), ADMIN_USERNAME,
                    plan.adminPassword(), shared.environment(), shared.logs().resolve("keycloak.log"))));
            server.awaitReady(READY_TIMEOUT);
            configure(server.baseUrl(), plan);
            return new Sandbox(closer, server, shared.database(), shared.registry(), shared.registryOwner(), plan);
        } catch (RuntimeException e) {
            closer.close();
            throw e;
        }
    }

    /**
     * What every Keycloak node of a sandbox shares: Keycloak's database, the registry, the built distribution and
     * the servers' environment (secrets, trust store, vault).
     */
    record Shared(Database database, Database registry, Database registryOwner, KeycloakDistribution distribution,
                  Map<String, String> environment, Path logs) {
    }

    /** Starts PostgreSQL (unless external), prepares the registry and builds the distribution. */
    static Shared prepare(Plan plan, SandboxSettings settings, Closer closer, Consumer<String> progress) {
        Database database;
        Database registry;
        Database registryOwner = null;
        if (plan.externalDatabase() != null) {
            database = plan.externalDatabase();
            registry = plan.externalRegistry();
        } else {
            progress.accept("starting PostgreSQL (data in " + plan.dataDirectory().resolve("postgres") + ")");
            EmbeddedDatabase embedded = closer.register(EmbeddedDatabase.start(plan.dataDirectory().resolve("postgres")));
            database = embedded.database("keycloak");
            registryOwner = embedded.database(RegistryDatabase.NAME);
            registry = RegistrySetup.prepare(registryOwner,
                    SandboxSecrets.get(plan.dataDirectory(), SandboxSecrets.REGISTRY_READER_PASSWORD),
                    plan.seedCitizens(), progress);
        }

        KeycloakDistribution distribution = KeycloakDistribution.unpack(
                settings.distributionZip(), settings.keycloakVersion(), plan.keycloakParent());
        distribution.deploy(jars(plan.providers()), plan.projectHome().resolve("docker/keycloak.conf"),
                jsonFiles(plan.projectHome().resolve("realm-config")));
        Path logs = plan.dataDirectory().resolve("logs");
        progress.accept("building Keycloak " + settings.keycloakVersion() + " with the dinhdanh providers (only when they changed)");
        distribution.buildIfNeeded(logs.resolve("keycloak-build.log"));

        // The chip API trusts this sandbox's own test CSCA, and only here (README "CCCD chip card").
        Map<String, String> environment = new HashMap<>();
        environment.put(SandboxPki.TRUST_STORE_VARIABLE, SandboxPki.writeTrustStore(plan.dataDirectory()).toString());
        // Keycloak's file vault (docker/keycloak.conf: vault=file): realms' push credentials (docs/push.md).
        Path vault = vaultDirectory(plan.dataDirectory());
        try {
            Files.createDirectories(vault);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        environment.put("KC_VAULT_DIR", vault.toString());
        // The sandbox's phone (./dinhdanh app enroll) attests its software key itself: accepted here only.
        environment.put(SELF_ATTESTATION_VARIABLE, "true");
        // The data tracker's chain key, kept with the sandbox's secrets so that `./dinhdanh audit verify` has it too.
        environment.put(TRACKER_KEY_VARIABLE, SandboxSecrets.get(plan.dataDirectory(), SandboxSecrets.TRACKER_KEY));
        // ...and the key that signs its checkpoints and receipts: both required, neither in the database.
        environment.put(TRACKER_CHECKPOINT_KEY_VARIABLE, SandboxSecrets.trackerCheckpointKey(plan.dataDirectory()));
        // The audit log's pseudonym key: the same on every node and across restarts (else each JVM draws its own).
        environment.put(AUDIT_SUBJECT_KEY_VARIABLE, SandboxSecrets.get(plan.dataDirectory(), SandboxSecrets.AUDIT_SUBJECT_KEY));
        environment.putAll(plan.realmEnvironment());
        return new Shared(database, registry, registryOwner, distribution, Map.copyOf(environment), logs);
    }

    /** The sandbox overlay and the sample FAPI bank, through the server (or balancer) at {@code baseUrl}. */
    static void configure(java.net.URI baseUrl, Plan plan) {
        KeycloakAdmin admin = KeycloakAdmin.login(baseUrl, ADMIN_USERNAME, plan.adminPassword());
        applyOverlays(admin, plan.projectHome());
        // The sample FAPI bank, with this data directory's key pair (docs/relying-parties.md).
        BankOnlineClient.register(admin, BankOnlineClient.publicJwks(plan.dataDirectory()));
    }

    public KeycloakServer server() {
        return server;
    }

    public Database database() {
        return database;
    }

    /** The registry as dinhdanh reads it (the read-only role in the sandbox). */
    public Database registry() {
        return registry;
    }

    /** The embedded registry as its operator (may write); {@code null} with an external registry. */
    public Database registryOwner() {
        return registryOwner;
    }

    public Plan plan() {
        return plan;
    }

    @Override
    public void close() {
        closer.close();
    }

    /** Keycloak's file vault of a data directory: a secret {@code name} of realm {@code r} is the file {@code r_name}. */
    public static Path vaultDirectory(Path dataDirectory) {
        return dataDirectory.resolve("vault");
    }

    /** Lets enrolment accept packed self-attestations (README "Attestation"): the sandbox's software phone has no other. */
    public static final String SELF_ATTESTATION_VARIABLE = "KC_SPI_DINHDANH_APP__DEFAULT__ALLOW_SELF_ATTESTATION";

    /** The audit log's pseudonym key (spi-events-listener--dinhdanh-audit-log--subject-key). */
    public static final String AUDIT_SUBJECT_KEY_VARIABLE = "KC_SPI_EVENTS_LISTENER__DINHDANH_AUDIT_LOG__SUBJECT_KEY";

    /** The data tracker's key (spi-dinhdanh-tracker--default--key). */
    public static final String TRACKER_KEY_VARIABLE = "KC_SPI_DINHDANH_TRACKER__DEFAULT__KEY";

    /** The data tracker's checkpoint key (spi-dinhdanh-tracker--default--checkpoint-key). */
    public static final String TRACKER_CHECKPOINT_KEY_VARIABLE = "KC_SPI_DINHDANH_TRACKER__DEFAULT__CHECKPOINT_KEY";

    /** Sample clients the realm file ships disabled (their secrets come from the environment): on in the sandbox. */
    static final List<String> SANDBOX_CLIENTS = List.of("bank-ekyc", "bank-call-centre", "library-portal");

    /**
     * Adds the sandbox overlay ({@code realm-config/sandbox/*.json}: test users) to the realm and enables the
     * sample clients that are off in production; idempotent.
     */
    public static void applyOverlays(KeycloakAdmin admin, Path projectHome) {
        for (Path overlay : jsonFiles(projectHome.resolve("realm-config/sandbox"))) {
            admin.partialImport(REALM, overlay);
        }
        for (String clientId : SANDBOX_CLIENTS) {
            com.fasterxml.jackson.databind.JsonNode found = admin.get("/admin/realms/" + REALM + "/clients?clientId=" + clientId);
            if (found.size() != 1) {
                throw new SandboxException("the realm has no client " + clientId);
            }
            com.fasterxml.jackson.databind.node.ObjectNode client = (com.fasterxml.jackson.databind.node.ObjectNode) found.get(0);
            if (!client.path("enabled").asBoolean()) {
                client.put("enabled", true);
                int status = admin.put("/admin/realms/" + REALM + "/clients/" + client.get("id").asText(), client);
                if (status != 204) {
                    throw new SandboxException("cannot enable client " + clientId + ": HTTP " + status);
                }
            }
        }
    }

    private static List<Path> jars(Path directory) {
        List<Path> jars = list(directory, ".jar");
        if (jars.isEmpty()) {
            throw new SandboxException("no provider jars in " + directory + "; run ./mvnw -DskipTests package");
        }
        return jars;
    }

    private static List<Path> jsonFiles(Path directory) {
        return list(directory, ".json");
    }

    private static List<Path> list(Path directory, String suffix) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
