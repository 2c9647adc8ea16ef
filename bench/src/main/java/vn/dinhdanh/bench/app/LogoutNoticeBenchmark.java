package vn.dinhdanh.bench.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.dinhdanh.bench.probe.LatencySummary;
import vn.dinhdanh.sandbox.Closer;
import vn.dinhdanh.sandbox.FileTrees;
import vn.dinhdanh.sandbox.InstanceLock;
import vn.dinhdanh.sandbox.Ports;
import vn.dinhdanh.sandbox.Sandbox;
import vn.dinhdanh.sandbox.SandboxCluster;
import vn.dinhdanh.sandbox.SandboxException;
import vn.dinhdanh.sandbox.SandboxPaths;
import vn.dinhdanh.sandbox.SandboxSecrets;
import vn.dinhdanh.sandbox.SandboxSettings;
import vn.dinhdanh.sandbox.keycloak.KeycloakAdmin;
import vn.dinhdanh.sandbox.postgres.Database;

/**
 * From a registry change to the relying party's logout token: on a new sandbox server, {@code --samples} citizens
 * with a password each log in at a relying party registered with a back-channel logout URL on loopback (one
 * session each); then, one citizen at a time after a random pause (so the change falls anywhere in the feed's
 * poll second), the registry operator blocks the citizen and the driver waits for the logout token. The latency
 * is from the registry's commit to the token's arrival at the relying party.
 */
@Command(name = "logout-notices", mixinStandardHelpOptions = true,
        description = "Registry change → OIDC back-channel logout token at the relying party: p50/p99 (docs/benchmarks.md).")
public final class LogoutNoticeBenchmark implements Callable<Integer> {

    private static final String REDIRECT_URI = "http://localhost:8090/callback";

    @Option(names = "--samples", defaultValue = "200", description = "Citizens blocked one at a time (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--pause-ms", defaultValue = "0,1000", split = ",",
            description = "Random pause before each change, min,max ms (default: ${DEFAULT-VALUE}).")
    int[] pauseMillis;

    @Option(names = "--nodes", defaultValue = "1",
            description = "Keycloak nodes: 1, or a cluster of 2 or more behind HAProxy as ./dinhdanh up --nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LogoutNoticeBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (nodes < 1) {
            throw new SandboxException("--nodes is 1, or 2 and more for a cluster");
        }
        Path home = SandboxPaths.home();
        Path data = Files.createTempDirectory("dinhdanh-logout-bench-");
        String adminPassword = SandboxSecrets.random();
        BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
        int listenerPort = Ports.free();
        HttpServer listener = HttpServer.create(new InetSocketAddress("127.0.0.1", listenerPort), 0);
        listener.createContext("/", exchange -> {
            long at = System.nanoTime();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            arrivals.add(at);
        });
        listener.start();
        try (Closer closer = new Closer()) {
            // Stopped by Ctrl-C or SIGTERM: the servers and the database stop too, not left running orphaned.
            Runtime.getRuntime().addShutdownHook(new Thread(closer::close, "bench-stop"));
            closer.register(InstanceLock.acquire(data.resolve("up.lock")));
            Sandbox.Plan plan = new Sandbox.Plan(home, home.resolve("sandbox/target/keycloak-providers"), data,
                    home.resolve("bench/target/logout-bench"), Ports.free(), Ports.free(), null, adminPassword,
                    Map.of(SandboxSecrets.PUBLIC_PORTAL_SECRET, SandboxSecrets.publicPortalSecret(data),
                            SandboxSecrets.PAIRWISE_SALT, SandboxSecrets.random()), 20_000, null);
            URI baseUrl;
            Database registryReader;
            Database owner;
            if (nodes >= 2) {
                SandboxCluster cluster = SandboxCluster.start(plan, IntStream.range(0, nodes).mapToObj(i -> Ports.free()).toList(),
                        SandboxSettings.load(), closer, LogoutNoticeBenchmark::say);
                baseUrl = cluster.baseUrl();
                registryReader = cluster.registry();
                owner = cluster.registryOwner();
            } else {
                Sandbox sandbox = Sandbox.start(plan, SandboxSettings.load(), closer, LogoutNoticeBenchmark::say);
                baseUrl = sandbox.server().baseUrl();
                registryReader = sandbox.registry();
                owner = sandbox.registryOwner();
            }
            BenchRealm realm = new BenchRealm(baseUrl, () -> KeycloakAdmin.login(baseUrl, Sandbox.ADMIN_USERNAME, adminPassword));
            RelyingParty client = realm.stockPasswordClient(REDIRECT_URI);
            wantBackchannelLogout(KeycloakAdmin.login(baseUrl, Sandbox.ADMIN_USERNAME, adminPassword), client.clientId(),
                    "http://127.0.0.1:" + listenerPort + "/backchannel-logout");
            List<String> numbers = BenchRealm.citizens(registryReader, samples, 1);
            List<PasswordLogin.Citizen> citizens = realm.setPasswords(numbers, 2);
            PasswordLogin login = new PasswordLogin(client, PasswordLogin.Route.STOCK_FLOW, false); // the session exists once the code is issued
            say("logging " + samples + " citizens in");
            citizens.forEach(login::run);
            String load = AppLoginBenchmark.loadAverage();
            long[] latencies = new long[samples];
            long started = System.nanoTime();
            try (Connection registry = DriverManager.getConnection(owner.jdbcUrl(), owner.username(), owner.password());
                 PreparedStatement block = registry.prepareStatement("UPDATE citizen SET blocked = true WHERE id_number = ?")) {
                for (int i = 0; i < samples; i++) {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(pauseMillis[0], pauseMillis[1] + 1));
                    block.setString(1, citizens.get(i).idNumber());
                    block.executeUpdate(); // auto-commit: the change is in the feed when this returns
                    long changed = System.nanoTime();
                    Long arrived = arrivals.poll(60, TimeUnit.SECONDS);
                    if (arrived == null) {
                        throw new IllegalStateException("no logout token within 60 s for sample " + i);
                    }
                    latencies[i] = arrived - changed;
                }
            }
            LatencySummary summary = LatencySummary.of(latencies, System.nanoTime() - started);
            System.out.printf(Locale.ROOT, "%nregistry change → logout token at the relying party, %d samples, %d node(s):%n"
                            + "  p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms%n  %d cores; load average before: %s, after: %s%n",
                    samples, nodes, summary.p50Millis(), summary.p90Millis(), summary.p99Millis(), summary.maxMillis(),
                    Runtime.getRuntime().availableProcessors(), load, AppLoginBenchmark.loadAverage());
            return 0;
        } finally {
            listener.stop(0);
            if (System.getenv("DINHDANH_BENCH_KEEP") == null) {
                FileTrees.delete(data);
            } else {
                say("kept " + data);
            }
        }
    }

    private static void wantBackchannelLogout(KeycloakAdmin admin, String clientId, String url) {
        String clients = "/admin/realms/" + Sandbox.REALM + "/clients";
        JsonNode found = admin.get(clients + "?clientId=" + clientId).get(0);
        ObjectNode client = found.deepCopy();
        client.put("frontchannelLogout", false);
        ((ObjectNode) client.path("attributes")).put("backchannel.logout.url", url).put("backchannel.logout.session.required", "true");
        int status = admin.put(clients + "/" + found.path("id").asText(), client);
        if (status != 204) {
            throw new IllegalStateException("client update: HTTP " + status);
        }
    }

    private static void say(String line) {
        System.out.println("bench: " + line);
    }
}
