package vn.dinhdanh.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.dinhdanh.sandbox.cluster.Balancer;
import vn.dinhdanh.sandbox.cluster.ClusterControl;
import vn.dinhdanh.sandbox.postgres.Database;
import vn.dinhdanh.sandbox.postgres.DatabaseProbe;
import vn.dinhdanh.sandbox.postgres.EmbeddedDatabase;
import vn.dinhdanh.sandbox.registry.RegistryDatabase;
import vn.dinhdanh.sandbox.registry.RegistrySetup;

/** {@code ./dinhdanh up}: the whole system, in the foreground, until Ctrl-C. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Starts PostgreSQL (embedded unless --db-url), Keycloak with the dinhdanh providers, "
                + "theme and realm, and the sandbox users. Ctrl-C stops everything.")
final class UpCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080",
            description = "HTTP port of Keycloak, or of the load balancer with --nodes, on loopback (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--nodes", defaultValue = "1",
            description = "Keycloak nodes: 1 (default) runs one on local caches; 2 or more run an Infinispan cluster behind "
                    + "HAProxy on --port, node i on port --port + i (./dinhdanh nodes lists, kills and starts them).")
    int nodes;

    @Option(names = "--management-port", defaultValue = "0",
            description = "Port of /health and /metrics (default: a free one).")
    int managementPort;

    @Option(names = "--fresh", description = "Wipe the embedded database, the sandbox's secrets and the sample bank's key, and start over "
            + "(not with --db-url).")
    boolean fresh;

    @Option(names = "--data-dir", description = "Where data, logs and the built server live (default: .dinhdanh in the checkout).")
    Path dataDirectory;

    @Option(names = "--db-url", description = "Use this PostgreSQL (jdbc:postgresql://host:port/db) instead of the embedded one.")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "keycloak", description = "User for --db-url (default: ${DEFAULT-VALUE}).")
    String dbUser;

    @Option(names = "--db-password", description = "Password for --db-url (or environment KC_DB_PASSWORD).")
    String dbPassword;

    @Option(names = "--registry-url",
            description = "With --db-url: the population registry dinhdanh reads, never migrated or seeded (default: database "
                    + "'" + RegistryDatabase.NAME + "' on the --db-url server).")
    String registryUrl;

    @Option(names = "--registry-user", description = "User for --registry-url (default: --db-user).")
    String registryUser;

    @Option(names = "--registry-password", description = "Password for --registry-url (default: --db-password; or KC_DB_PASSWORD_REGISTRY).")
    String registryPassword;

    @Option(names = "--citizens", defaultValue = "" + RegistrySetup.FIRST_POPULATION,
            description = "Synthetic citizens put into an empty embedded registry (default: ${DEFAULT-VALUE}; 0: none).")
    int citizens;

    @Option(names = "--admin-password", defaultValue = "admin",
            description = "Password of the bootstrap admin, set when the database is new (default: ${DEFAULT-VALUE}).")
    String adminPassword;

    private Database external;
    private Database externalRegistry;

    @Override
    public Integer call() throws IOException, InterruptedException {
        long started = System.nanoTime();
        Path home = SandboxPaths.home();
        Path data = SandboxPaths.data(dataDirectory);
        Path lockFile = data.resolve("up.lock");
        // A running sandbox holds the lock: say so before any other complaint (such as its port being taken).
        InstanceLock lock = Files.isDirectory(data) ? InstanceLock.acquire(lockFile) : null;
        try {
            preflight(data);
        } catch (RuntimeException e) {
            if (lock != null) {
                lock.close();
            }
            throw e;
        }
        SandboxSettings settings = SandboxSettings.load();

        Closer closer = new Closer();
        AtomicBoolean stopping = new AtomicBoolean();
        Thread stop = new Thread(() -> {
            stopping.set(true);
            say("stopping");
            closer.close();
            say("stopped");
        }, "dinhdanh-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            closer.register(lock != null ? lock : InstanceLock.acquire(lockFile));
            if (fresh) {
                say("--fresh: wiping " + data.resolve("postgres"));
                FileTrees.delete(data.resolve("postgres"));
                FileTrees.delete(data.resolve("sandbox-secrets.properties"));
                FileTrees.delete(BankOnlineClient.privateKeyFile(data).getParent());
            }
            String portalSecret = SandboxSecrets.publicPortalSecret(data);
            Sandbox.Plan plan = new Sandbox.Plan(home, home.resolve("sandbox/target/keycloak-providers"), data, data,
                    port, managementPort, external, adminPassword, Map.of(SandboxSecrets.PUBLIC_PORTAL_SECRET, portalSecret,
                            SandboxSecrets.BANK_EKYC_SECRET, SandboxSecrets.get(data, SandboxSecrets.BANK_EKYC_SECRET),
                            SandboxSecrets.BANK_CALL_CENTRE_SECRET, SandboxSecrets.get(data, SandboxSecrets.BANK_CALL_CENTRE_SECRET),
                            SandboxSecrets.LIBRARY_PORTAL_SECRET, SandboxSecrets.get(data, SandboxSecrets.LIBRARY_PORTAL_SECRET),
                            SandboxSecrets.PAIRWISE_SALT, SandboxSecrets.get(data, SandboxSecrets.PAIRWISE_SALT)),
                    citizens, externalRegistry);
            if (nodes > 1) {
                return runCluster(plan, settings, closer, stopping, started, portalSecret);
            }
            Sandbox sandbox = Sandbox.start(plan, settings, closer, UpCommand::say);
            Duration startup = Duration.ofNanos(System.nanoTime() - started);
            if (!stopping.get()) {
                System.out.println(Banner.render(sandbox, portalSecret, startup));
            }
            int exit = sandbox.server().waitFor();
            if (stopping.get()) {
                return 0; // Ctrl-C: the shutdown hook stops the rest
            }
            throw new SandboxException("Keycloak stopped unexpectedly (exit " + exit + "); see " + sandbox.server().log());
        } catch (RuntimeException e) {
            closer.close();
            if (!stopping.get()) {
                Runtime.getRuntime().removeShutdownHook(stop);
            }
            throw e;
        }
    }

    /** {@code --nodes N}: the cluster, until Ctrl-C; a node that dies is reported, not fatal (nodes start N). */
    private int runCluster(Sandbox.Plan plan, SandboxSettings settings, Closer closer, AtomicBoolean stopping, long started,
                           String portalSecret) throws InterruptedException {
        SandboxCluster cluster = SandboxCluster.start(plan, nodePorts(), settings, closer, UpCommand::say);
        closer.register(ClusterControl.start(cluster, plan.dataDirectory(), cluster.baseUrl().toString()));
        Duration startup = Duration.ofNanos(System.nanoTime() - started);
        if (!stopping.get()) {
            System.out.println(Banner.render(cluster, portalSecret, startup));
        }
        boolean[] reported = new boolean[nodes + 1];
        while (cluster.balancer().isAlive()) {
            for (var node : cluster.nodes()) {
                boolean alive = node.isAlive();
                if (!alive && !reported[node.number()] && !stopping.get()) {
                    say("node " + node.number() + " is not running (./dinhdanh nodes start " + node.number() + " starts it again)");
                }
                reported[node.number()] = !alive;
            }
            Thread.sleep(1000);
        }
        if (stopping.get()) {
            return 0;
        }
        throw new SandboxException("HAProxy stopped unexpectedly; see " + cluster.balancer().log());
    }

    /** Node i listens on --port + i. */
    private java.util.List<Integer> nodePorts() {
        return java.util.stream.IntStream.rangeClosed(1, nodes).mapToObj(i -> port + i).toList();
    }

    /** Everything that can be wrong is found before anything is created or started. */
    private void preflight(Path data) {
        if (nodes < 1 || nodes > 9) {
            throw new SandboxException("--nodes must be between 1 and 9");
        }
        if (nodes > 1 && Balancer.executable().isEmpty()) {
            throw new SandboxException(Balancer.INSTALL_HINT);
        }
        Ports.requireFree(port, "--port");
        if (nodes > 1) {
            for (int nodePort : nodePorts()) {
                Ports.requireFree(nodePort, "--port (node i listens on --port + i)");
            }
        }
        if (citizens < 0 || citizens > 10_000_000) {
            throw new SandboxException("--citizens must be between 0 and 10000000 (more: ./dinhdanh population generate)");
        }
        if (managementPort == 0) {
            managementPort = Ports.free();
        }
        Ports.requireFree(managementPort, "--management-port");
        if (dbUrl != null) {
            if (fresh) {
                throw new SandboxException("--fresh wipes the embedded database only; it cannot be used with --db-url");
            }
            external = new Database(dbUrl, dbUser, dbPassword != null ? dbPassword : System.getenv("KC_DB_PASSWORD"));
            DatabaseProbe.requireReachable(external);
            String registryPasswordOrEnv = registryPassword != null ? registryPassword : System.getenv("KC_DB_PASSWORD_REGISTRY");
            externalRegistry = new Database(registryUrl != null ? registryUrl : sameServer(dbUrl, RegistryDatabase.NAME),
                    registryUser != null ? registryUser : dbUser,
                    registryPasswordOrEnv != null ? registryPasswordOrEnv : external.password());
            DatabaseProbe.requireReachable(externalRegistry);
        } else if (!fresh) {
            EmbeddedDatabase.requireUsable(data.resolve("postgres"));
        }
    }

    /** The JDBC URL of database {@code name} on the server of {@code jdbcUrl} (query parameters kept). */
    static String sameServer(String jdbcUrl, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(jdbc:postgresql://[^/]+/)[^?]*(\\?.*)?$").matcher(jdbcUrl);
        if (!m.matches()) {
            throw new SandboxException("--db-url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
        }
        return m.group(1) + name + (m.group(2) == null ? "" : m.group(2));
    }

    static void say(String line) {
        System.out.println("dinhdanh: " + line);
    }
}
