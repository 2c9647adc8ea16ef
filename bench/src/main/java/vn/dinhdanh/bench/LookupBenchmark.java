package vn.dinhdanh.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.dinhdanh.population.registry.CitizenRecord;
import vn.dinhdanh.sandbox.Closer;
import vn.dinhdanh.sandbox.InstanceLock;
import vn.dinhdanh.sandbox.Sandbox;
import vn.dinhdanh.sandbox.SandboxException;
import vn.dinhdanh.sandbox.SandboxPaths;
import vn.dinhdanh.sandbox.SandboxSecrets;
import vn.dinhdanh.sandbox.SandboxSettings;
import vn.dinhdanh.sandbox.keycloak.KeycloakAdmin;
import vn.dinhdanh.sandbox.postgres.Database;

/**
 * {@code bench/lookups}: user lookups by username through the population provider at the size of
 * the sandbox registry, beside Keycloak's own JPA user store doing the same lookups on an equal
 * imported sample, in one run of one server (docs/benchmarks.md).
 *
 * <p>Each username is looked up exactly once across all phases, so neither store is ever answered
 * from Keycloak's user cache: both numbers are storage lookups.
 */
@Command(name = "lookups", mixinStandardHelpOptions = true,
        description = "Benchmarks user lookups: population provider vs Keycloak's JPA user store, same server, same sample.")
public final class LookupBenchmark implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBE = "/realms/master/lookup-bench/runs";

    @Option(names = "--data-dir", description = "The sandbox data directory holding the registry (default: .dinhdanh).")
    Path dataDirectory;

    @Option(names = "--sample", defaultValue = "100000", description = "Citizens sampled from the registry (default: ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--threads", defaultValue = "4", description = "Concurrent lookups in the throughput phase (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--seed", defaultValue = "20261124", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--port", defaultValue = "18080", description = "Keycloak HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--management-port", defaultValue = "19000", description = "Keycloak management port (default: ${DEFAULT-VALUE}).")
    int managementPort;

    @Option(names = "--admin-password", defaultValue = "admin",
            description = "The bootstrap admin's password in this data directory (default: ${DEFAULT-VALUE}, as ./dinhdanh up sets it).")
    String adminPassword;

    @Option(names = "--keep", description = "Keep realm " + JpaSampleRealm.NAME + " for the next run with the same sample "
            + "(importing it takes minutes).")
    boolean keep;

    /** One phase: a store (its realm; {@code null}: the registry query without Keycloak), a concurrency, its names. */
    record Phase(String store, String realm, int threads, List<String> usernames, boolean measured) {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new LookupBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (sample < 1000 || sample > 1_000_000) {
            throw new SandboxException("--sample must be between 1000 and 1000000");
        }
        if (threads < 1 || threads > 64) {
            throw new SandboxException("--threads must be between 1 and 64");
        }
        Path home = SandboxPaths.home();
        Path data = SandboxPaths.data(dataDirectory);
        if (!Files.isDirectory(data.resolve("postgres"))) {
            throw new SandboxException("no sandbox registry in " + data + "; run ./dinhdanh up (and population generate) first");
        }
        try (Closer closer = new Closer()) {
            closer.register(InstanceLock.acquire(data.resolve("up.lock")));
            Path providers = stageProviders(home);
            Sandbox.Plan plan = new Sandbox.Plan(home, providers, data, data, port, managementPort, null, adminPassword,
                    Map.of(SandboxSecrets.PUBLIC_PORTAL_SECRET, SandboxSecrets.publicPortalSecret(data)), 0, null);
            Sandbox sandbox = Sandbox.start(plan, SandboxSettings.load(), closer, LookupBenchmark::say);

            long population;
            List<CitizenRecord> citizens;
            try (Connection registry = connect(sandbox.registry())) {
                population = CitizenSample.countCitizens(registry);
                say(String.format(Locale.ROOT, "drawing %,d of %,d citizens (seed %d)", sample, population, seed));
                citizens = CitizenSample.draw(registry, population, sample, seed);
            }
            if (population < sample) {
                throw new SandboxException("the registry holds fewer citizens than --sample");
            }

            String sampleKey = population + ":" + sample + ":" + seed;
            double importSeconds = Double.NaN;
            if (JpaSampleRealm.holds(admin(sandbox), sampleKey, citizens.size())) {
                say("realm " + JpaSampleRealm.NAME + " kept by an earlier run holds this sample; not importing again");
            } else {
                say(String.format(Locale.ROOT, "importing the sample into realm %s (Keycloak's JPA store)", JpaSampleRealm.NAME));
                long importStarted = System.nanoTime();
                JpaSampleRealm.create(() -> admin(sandbox), citizens, sampleKey);
                importSeconds = (System.nanoTime() - importStarted) / 1e9;
                say(String.format(Locale.ROOT, "imported %,d users in %.1f s", citizens.size(), importSeconds));
            }

            List<String> usernames = citizens.stream().map(c -> c.idNumber().value()).toList();
            List<Result> results = new ArrayList<>();
            for (Phase phase : phases(usernames, threads)) {
                say(String.format(Locale.ROOT, "%s %s: %,d lookups, %d thread(s)", phase.measured() ? "measuring" : "warming up",
                        phase.store(), phase.usernames().size(), phase.threads()));
                JsonNode outcome = phase.realm() == null
                        ? JSON.valueToTree(RegistryQueryLookups.run(sandbox.registry(), phase.usernames(), phase.threads()))
                        : run(admin(sandbox), phase);
                if (outcome.path("notFound").asInt() != 0 || outcome.path("failed").asInt() != 0) {
                    throw new SandboxException(phase.store() + ": " + outcome.path("notFound").asInt() + " not found, "
                            + outcome.path("failed").asInt() + " failed; the numbers would be meaningless");
                }
                if (phase.measured()) {
                    results.add(new Result(phase, outcome));
                }
            }
            if (!keep) {
                JpaSampleRealm.remove(admin(sandbox));
            }
            System.out.println();
            System.out.println(report(population, citizens.size(), importSeconds, results));
            return 0;
        }
    }

    /**
     * Disjoint slices of the sample, one per store: a warm-up (JIT, pools), a single-thread run for
     * latency and a concurrent run for throughput; the stores take turns in each step so none runs
     * on a colder or warmer machine. The JPA realm holds all sampled citizens, but each store gets
     * its own slice, so no name is looked up twice and no store is answered from a cache.
     */
    static List<Phase> phases(List<String> usernames, int threads) {
        String[][] stores = {
                {"population provider", Sandbox.REALM},
                {"Keycloak JPA", JpaSampleRealm.NAME},
                {"registry query alone", null}};
        int slice = usernames.size() / stores.length;
        int warm = slice / 10;
        int single = slice * 4 / 10;
        int concurrent = slice - warm - single;
        List<Phase> phases = new ArrayList<>();
        int[][] steps = {{0, warm, threads, 0}, {warm, single, 1, 1}, {warm + single, concurrent, threads, 1}};
        for (int[] step : steps) {
            for (int s = 0; s < stores.length; s++) {
                int from = s * slice + step[0];
                phases.add(new Phase(stores[s][0], stores[s][1], step[2], usernames.subList(from, from + step[1]), step[3] == 1));
            }
        }
        return phases;
    }

    record Result(Phase phase, JsonNode outcome) {
    }

    static String report(long population, int sample, double importSeconds, List<Result> results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Registry: %,d citizens; sample: %,d%s; %d cores%n%n", population, sample,
                Double.isNaN(importSeconds) ? "" : String.format(Locale.ROOT, " (JPA import %.1f s)", importSeconds),
                Runtime.getRuntime().availableProcessors()));
        out.append("| store | threads | lookups | lookups/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result result : results) {
            JsonNode o = result.outcome();
            out.append(String.format(Locale.ROOT, "| %s | %d | %,d | %,.0f | %.3f | %.3f | %.3f | %.3f | %.1f |%n",
                    result.phase().store(), result.phase().threads(), o.path("count").asInt(), o.path("perSecond").asDouble(),
                    o.path("p50Millis").asDouble(), o.path("p90Millis").asDouble(), o.path("p99Millis").asDouble(),
                    o.path("p999Millis").asDouble(), o.path("maxMillis").asDouble()));
        }
        return out.toString();
    }

    private JsonNode run(KeycloakAdmin admin, Phase phase) {
        ObjectNode body = JSON.createObjectNode().put("realm", phase.realm()).put("threads", phase.threads());
        phase.usernames().forEach(body.putArray("usernames")::add);
        return admin.post(PROBE, body, Duration.ofMinutes(30));
    }

    /** A fresh sign-in per call: an admin token lives a minute, a phase can take longer. */
    private KeycloakAdmin admin(Sandbox sandbox) {
        return KeycloakAdmin.login(sandbox.server().baseUrl(), Sandbox.ADMIN_USERNAME, adminPassword);
    }

    /** The sandbox's providers plus the probe, in a directory of the bench's own. */
    private static Path stageProviders(Path home) throws IOException {
        Path sandboxProviders = home.resolve("sandbox/target/keycloak-providers");
        Path probe = home.resolve("bench/target/dinhdanh-bench-probe.jar");
        if (!Files.isRegularFile(probe) || !Files.isDirectory(sandboxProviders)) {
            throw new SandboxException("build first: ./mvnw -DskipTests -pl bench -am package");
        }
        Path staged = home.resolve("bench/target/keycloak-providers");
        Files.createDirectories(staged);
        List<Path> jars;
        try (Stream<Path> files = Files.list(sandboxProviders)) {
            jars = new ArrayList<>(files.filter(p -> p.toString().endsWith(".jar")).toList());
        }
        jars.add(probe);
        for (Path jar : jars) {
            // The deploy step copies only what changed, so Keycloak rebuilds only when a jar did.
            Files.copy(jar, staged.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        return staged;
    }

    private static Connection connect(Database database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }

    private static void say(String line) {
        System.out.println("bench: " + line);
    }
}
