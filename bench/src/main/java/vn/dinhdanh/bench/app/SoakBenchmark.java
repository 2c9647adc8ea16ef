package vn.dinhdanh.bench.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import vn.dinhdanh.sandbox.Closer;
import vn.dinhdanh.sandbox.InstanceLock;
import vn.dinhdanh.sandbox.Ports;
import vn.dinhdanh.sandbox.Sandbox;
import vn.dinhdanh.sandbox.SandboxCluster;
import vn.dinhdanh.sandbox.SandboxException;
import vn.dinhdanh.sandbox.SandboxPaths;
import vn.dinhdanh.sandbox.SandboxSecrets;
import vn.dinhdanh.sandbox.SandboxSettings;
import vn.dinhdanh.sandbox.keycloak.KeycloakAdmin;

/**
 * {@code bench/logins --soak 10m}: a new sandbox cluster (one PostgreSQL, {@code --soak-nodes} Keycloak nodes, HAProxy
 * in front), the citizens prepared as for the phases, then {@link SoakRun}; prints the tables and writes
 * {@code soak.json} and {@code soak.png} beside {@code logins.json}.
 */
final class SoakBenchmark implements Callable<Integer> {

    private static final Pattern LENGTH = Pattern.compile("(\\d+)([smh]?)");

    private final AppLoginBenchmark options;

    SoakBenchmark(AppLoginBenchmark options) {
        this.options = options;
    }

    @Override
    public Integer call() throws Exception {
        Duration length = length(options.soak);
        Path home = SandboxPaths.home();
        Path json = options.json != null ? options.json : home.resolve("bench/target/logins.json");
        double rate = options.soakRate != null ? options.soakRate : halfPeak(json);
        if (rate <= 0 || options.soakNodes < 2 || options.soakWorkers < 1) {
            throw new SandboxException("--soak-rate above 0, --soak-nodes at least 2, --soak-workers at least 1");
        }
        boolean temporary = options.dataDirectory == null;
        Path data = temporary ? Files.createTempDirectory("dinhdanh-soak-") : SandboxPaths.data(options.dataDirectory);
        String adminPassword = SandboxSecrets.random();
        try (Closer closer = new Closer()) {
            // Stopped by Ctrl-C or SIGTERM: the servers and the database stop too, not left running orphaned.
            Runtime.getRuntime().addShutdownHook(new Thread(closer::close, "bench-stop"));
            if (!temporary && Files.isDirectory(data.resolve("postgres"))) {
                throw new SandboxException(data + " holds a database already; the soak wants a new one (or no --data-dir)");
            }
            closer.register(InstanceLock.acquire(data.resolve("up.lock")));
            List<Integer> nodePorts = IntStream.range(0, options.soakNodes).mapToObj(i -> Ports.free()).toList();
            SandboxCluster cluster = SandboxCluster.start(options.plan(home, data, adminPassword), nodePorts, SandboxSettings.load(),
                    closer, AppLoginBenchmark::say);
            URI baseUrl = cluster.baseUrl();
            BenchRealm realm = new BenchRealm(baseUrl, () -> KeycloakAdmin.login(baseUrl, Sandbox.ADMIN_USERNAME, adminPassword));
            URI realmUrl = URI.create(baseUrl + "/realms/" + Sandbox.REALM);
            String loadBefore = AppLoginBenchmark.loadAverage();
            AppLoginBenchmark.Prepared prepared = options.prepare(cluster.registry(), cluster.registryOwner(), realm, data);
            SoakRun run = new SoakRun(new SoakRun.Settings(length, Duration.ofSeconds(options.warmupSeconds), rate, options.soakWorkers,
                    options.thinkMillis, options.tokenExchange), nodes(cluster), AppLoginBenchmark.portal(realmUrl, data),
                    realm.stockPasswordClient(AppLoginBenchmark.REDIRECT_URI), prepared.enrolled(), prepared.withPassword(),
                    prepared.cards(), new CpuMeter(data.resolve("postgres")), new HeapProbe());
            SoakReport report = run.run();
            System.out.println();
            System.out.println(report.render());
            Path out = json.toAbsolutePath().resolveSibling("soak.json");
            Files.createDirectories(out.getParent());
            Map<String, Object> about = new LinkedHashMap<>();
            about.put("nodes", options.soakNodes);
            about.put("rateFrom", options.soakRate != null ? "--soak-rate" : "half the mixed peak in " + home.relativize(json.toAbsolutePath()));
            about.put("cores", Runtime.getRuntime().availableProcessors());
            about.put("loadAverageBefore", loadBefore);
            about.put("loadAverageAfter", AppLoginBenchmark.loadAverage());
            about.put("java", System.getProperty("java.version"));
            about.put("finishedAt", java.time.Instant.now().toString());
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), report.json(about));
            Path png = out.resolveSibling("soak.png");
            try (OutputStream stream = Files.newOutputStream(png)) {
                report.plot(stream);
            }
            AppLoginBenchmark.say("results written to " + out + " and " + png);
            return 0;
        } finally {
            if (temporary) {
                AppLoginBenchmark.delete(data);
            }
        }
    }

    /** {@code 10m}, {@code 600s}, {@code 1h}, or seconds. */
    static Duration length(String text) {
        Matcher m = LENGTH.matcher(text == null ? "" : text.strip());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new SandboxException("--soak takes a length such as 10m, 600s or 1h, not '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /**
     * Half the peak of the soak's mix, from a {@code logins.json} of the phases: a quarter of each kind, so the mixed
     * peak is the harmonic combination of the kinds' logins per second (each login takes 1/rate of the server).
     */
    static double halfPeak(Path loginsJson) {
        if (!Files.isRegularFile(loginsJson)) {
            throw new SandboxException("no " + loginsJson + " to take the peak from: run bench/logins (or --quick) first, or give --soak-rate");
        }
        JsonNode kinds;
        try {
            kinds = new ObjectMapper().readTree(loginsJson.toFile()).path("kinds");
        } catch (IOException e) {
            throw new SandboxException(loginsJson + " is not the bench's JSON: " + e.getMessage(), e);
        }
        double seconds = 0;
        for (AppLoginRun.Kind kind : SoakRun.MIX) {
            double perSecond = kinds.path(kind.key).path("loginsPerSecond").asDouble(0);
            if (perSecond <= 0) {
                throw new SandboxException(loginsJson + " has no loginsPerSecond for " + kind.key + ": give --soak-rate");
            }
            seconds += 1.0 / perSecond;
        }
        return SoakRun.MIX.size() / seconds / 2;
    }

    private static SoakRun.Nodes nodes(SandboxCluster cluster) {
        return new SoakRun.Nodes() {
            @Override
            public List<Integer> numbers() {
                return cluster.nodes().stream().map(n -> n.number()).toList();
            }

            @Override
            public Optional<ProcessHandle> jvm(int number) {
                return cluster.node(number).jvm();
            }

            @Override
            public void stop(int number) {
                cluster.stop(number);
            }

            @Override
            public void start(int number) {
                cluster.start(number);
            }
        };
    }
}
