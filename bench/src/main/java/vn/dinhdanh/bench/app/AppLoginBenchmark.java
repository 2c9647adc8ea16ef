package vn.dinhdanh.bench.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vn.dinhdanh.sandbox.Closer;
import vn.dinhdanh.sandbox.FileTrees;
import vn.dinhdanh.sandbox.InstanceLock;
import vn.dinhdanh.sandbox.Ports;
import vn.dinhdanh.sandbox.Sandbox;
import vn.dinhdanh.sandbox.SandboxException;
import vn.dinhdanh.sandbox.SandboxPaths;
import vn.dinhdanh.sandbox.SandboxSecrets;
import vn.dinhdanh.sandbox.SandboxSettings;
import vn.dinhdanh.sandbox.chip.SandboxPki;
import vn.dinhdanh.sandbox.postgres.Database;
import vn.dinhdanh.sandbox.keycloak.KeycloakAdmin;

/**
 * {@code bench/logins}: every kind of citizen login against one new sandbox server (embedded PostgreSQL, synthetic
 * registry, the real Keycloak with the dinhdanh providers, the per-address push limit lifted), the browser and the
 * phone or card reader both played over HTTP: password (stock flow and realm flow), VNeID app push, app QR code, CCCD
 * chip, and the SSO cookie's one-request login as the floor under them all; then a crowd of browsers waiting at once
 * for citizens who approve seconds later. Prints the tables and writes {@code bench/target/logins.json}.
 * docs/benchmarks.md has the numbers and how they were measured.
 */
@Command(name = "logins", mixinStandardHelpOptions = true,
        description = "Benchmarks citizen logins (password, app push, app QR, chip; a crowd waiting for approvals) on one new server.")
public final class AppLoginBenchmark implements Callable<Integer> {

    /** The server's default push limit per citizen (README "VNeID app"): the run keeps it and rotates citizens. */
    static final int PUSHES_PER_CITIZEN_PER_MINUTE = 5;
    private static final String PORTAL_URL = "http://localhost:8090";
    static final String REDIRECT_URI = PORTAL_URL + "/callback";

    @Option(names = "--quick", description = "Every phase, short: 20 s throughput phases, 10 s warm-up, 30 logins one at a time, "
            + "700 phones, 100 cards, the crowd of 500 browsers for 60 s (under 10 minutes on 2 cores); options given "
            + "explicitly keep their values.")
    boolean quick;

    @Option(names = "--profile", description = "Record the server with JFR in each multi-worker phase into this directory, and "
            + "print each phase's top frames.")
    Path profileDirectory;

    @Option(names = "--soak", description = "Instead of the phases: a mixed load (app push, app QR, chip, password) at a fixed rate "
            + "for this long (e.g. 10m, 600s) on a cluster behind HAProxy, one node restarted half-way; writes bench/target/soak.json "
            + "and soak.png.")
    String soak;

    @Option(names = "--soak-rate", description = "Logins per second arriving in the soak (default: half the mixed peak of the "
            + "last bench/logins run, read from its logins.json).")
    Double soakRate;

    @Option(names = "--soak-nodes", defaultValue = "2", description = "Keycloak nodes of the soak's cluster (default: ${DEFAULT-VALUE}).")
    int soakNodes;

    @Option(names = "--soak-workers", defaultValue = "64",
            description = "Driver threads taking the soak's arrivals; a login due while all are busy waits in a queue of 20 per "
                    + "thread, beyond which it counts as failed (default: ${DEFAULT-VALUE}).")
    int soakWorkers;

    @Option(names = "--cards", defaultValue = "200", description = "Virtual CCCD cards made before the timed phases (default: ${DEFAULT-VALUE}).")
    int cards;

    @Option(names = "--json", description = "Where to write the results as JSON (default: bench/target/logins.json).")
    Path json;

    @Option(names = "--phones", defaultValue = "1000", description = "Citizens with an enrolled phone (default: ${DEFAULT-VALUE}).")
    int phones;

    @Option(names = "--passwords", defaultValue = "100", description = "Citizens with a password (default: ${DEFAULT-VALUE}).")
    int passwords;

    @Option(names = "--citizens", defaultValue = "20000", description = "Synthetic citizens in the new registry (default: ${DEFAULT-VALUE}).")
    int citizens;

    @Option(names = "--workers", defaultValue = "16",
            description = "Concurrent logins in the throughput phases (default: ${DEFAULT-VALUE}, the server's waiting long polls per node).")
    int workers;

    @Option(names = "--seconds", defaultValue = "60", description = "Length of each throughput phase (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--rounds", defaultValue = "1",
            description = "Run the throughput phases this many times, the kinds of login in turn, and add each kind's rounds up "
                    + "(default: ${DEFAULT-VALUE}): a ratio to the password login then covers the same minutes of the machine.")
    int rounds;

    @Option(names = "--warmup-seconds", defaultValue = "20", description = "Warm-up per kind of login, same workers (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--latency-logins", defaultValue = "300", description = "App logins, one at a time, for the latency (default: ${DEFAULT-VALUE}).")
    int latencyLogins;

    @Option(names = "--think-ms", defaultValue = "250,750", split = ",",
            description = "The citizen's time from push to approval in the latency phase, min,max ms, uniform (default: ${DEFAULT-VALUE}).")
    long[] thinkMillis;

    @Option(names = "--after-load-logins", defaultValue = "40",
            description = "App logins one at a time right after the app throughput phase, for the push's cost with the "
                    + "per-address slots it left (default: ${DEFAULT-VALUE}; 0: none).")
    int afterLoadLogins;

    @Option(names = "--crowd-workers", defaultValue = "500",
            description = "Browsers of the crowd phase, each waiting for its citizen's approval (default: ${DEFAULT-VALUE}; 0: none).")
    int crowdWorkers;

    @Option(names = "--crowd-seconds", defaultValue = "120", description = "Length of the crowd phase (default: ${DEFAULT-VALUE}).")
    int crowdSeconds;

    @Option(names = "--crowd-think-ms", defaultValue = "10000,20000", split = ",",
            description = "The citizen's time from push to approval in that phase, min,max ms (default: ${DEFAULT-VALUE}).")
    long[] crowdThinkMillis;

    @Option(names = "--token-exchange", description = "Also exchange each code for tokens (the login then ends at the token answer).")
    boolean tokenExchange;

    @Option(names = "--routes", defaultValue = "STOCK_FLOW,TRY_ANOTHER_WAY", split = ",",
            description = "Password logins to measure: ${COMPLETION-CANDIDATES}; with STOCK_FLOW, the SSO-cookie login too "
                    + "(default: ${DEFAULT-VALUE}).")
    List<PasswordLogin.Route> routes;

    @Option(names = "--pushes-per-address-per-minute", defaultValue = "100000",
            description = "The server's per-address push limit for the run (every login comes from 127.0.0.1; default: ${DEFAULT-VALUE}).")
    int pushesPerAddress;

    @Option(names = "--data-dir", description = "A new data directory, kept afterwards with the server's log "
            + "(default: a temporary one, deleted at the end).")
    Path dataDirectory;

    @Option(names = "--port", defaultValue = "0", description = "Keycloak's HTTP port (default: a free one).")
    int port;

    @Option(names = "--seed", defaultValue = "20261124", description = "Which citizens are drawn (default: ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    private boolean given(String option) {
        return spec != null && spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new AppLoginBenchmark()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (quick) {
            // Short defaults; an option given on the command line keeps its value (e.g. a longer warm-up).
            seconds = given("--seconds") ? seconds : 20;
            warmupSeconds = given("--warmup-seconds") ? warmupSeconds : 10;
            latencyLogins = given("--latency-logins") ? latencyLogins : 30;
            afterLoadLogins = given("--after-load-logins") ? afterLoadLogins : 0;
            phones = given("--phones") ? phones : Math.min(phones, 700);
            cards = given("--cards") ? cards : Math.min(cards, 100);
            crowdSeconds = given("--crowd-seconds") ? crowdSeconds : 60;
        }
        validate();
        if (soak != null) {
            return new SoakBenchmark(this).call();
        }
        Path home = SandboxPaths.home();
        boolean temporary = dataDirectory == null;
        Path data = temporary ? Files.createTempDirectory("dinhdanh-logins-bench-") : SandboxPaths.data(dataDirectory);
        String adminPassword = SandboxSecrets.random();
        try (Closer closer = new Closer()) {
            // Stopped by Ctrl-C or SIGTERM: the servers and the database stop too, not left running orphaned.
            Runtime.getRuntime().addShutdownHook(new Thread(closer::close, "bench-stop"));
            if (!temporary && Files.isDirectory(data.resolve("postgres"))) {
                throw new SandboxException(data + " holds a database already; the bench wants a new one (or no --data-dir)");
            }
            closer.register(InstanceLock.acquire(data.resolve("up.lock")));
            Sandbox sandbox = Sandbox.start(plan(home, data, adminPassword), SandboxSettings.load(), closer, AppLoginBenchmark::say);
            URI baseUrl = sandbox.server().baseUrl();
            BenchRealm realm = new BenchRealm(baseUrl, () -> KeycloakAdmin.login(baseUrl, Sandbox.ADMIN_USERNAME, adminPassword));
            AppLoginReport report = run(sandbox, realm, data);
            System.out.println();
            System.out.println(report.render());
            Path out = json != null ? json : home.resolve("bench/target/logins.json");
            Files.createDirectories(out.toAbsolutePath().getParent());
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("quick", quick);
            run.put("workers", workers);
            run.put("seconds", seconds);
            run.put("rounds", rounds);
            run.put("crowdSeconds", crowdSeconds);
            run.put("cores", Runtime.getRuntime().availableProcessors());
            run.put("finishedAt", java.time.Instant.now().toString());
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), report.json(run));
            say("results written to " + out);
            return 0;
        } finally {
            if (temporary) {
                delete(data);
            }
        }
    }

    private AppLoginReport run(Sandbox sandbox, BenchRealm realm, Path data) throws InterruptedException {
        URI realmUrl = URI.create(sandbox.server().baseUrl() + "/realms/" + Sandbox.REALM);
        String load = loadAverage();
        Prepared prepared = prepare(sandbox.registry(), sandbox.registryOwner(), realm, data);
        AppLoginRun run = new AppLoginRun(new AppLoginRun.Settings(workers, seconds, warmupSeconds, latencyLogins, thinkMillis,
                afterLoadLogins, crowdWorkers, crowdSeconds, crowdThinkMillis, tokenExchange, routes, rounds),
                portal(realmUrl, data), realm.stockPasswordClient(REDIRECT_URI), prepared.enrolled(), prepared.withPassword(),
                prepared.cards(), new CpuMeter(data.resolve("postgres")), new RegistryReads(sandbox.registry()));
        if (profileDirectory != null) {
            try {
                run.profiled(JfrProfile.of(profileDirectory));
            } catch (IOException e) {
                throw new SandboxException("--profile: " + e.getMessage(), e);
            }
        }
        AppLoginReport report = run.run();
        report.note(String.format(Locale.ROOT, "%d cores; load average before: %s, after: %s; driver in its own JVM, Java %s",
                Runtime.getRuntime().availableProcessors(), load, loadAverage(), System.getProperty("java.version")));
        report.note(String.format(Locale.ROOT, "%s; %,d phones, %,d passwords; workers waited %.1f s in all for a citizen's push slot",
                tokenExchange ? "each login ends with the token answer" : "each login ends at the redirect with the code (no token request)",
                phones, passwords, prepared.enrolled().waitedNanos() / 1e9));
        return report;
    }

    /** The run's citizens, made before anything is timed: phones enrolled, passwords set, virtual cards. */
    record Prepared(Rotation<AppLogin.Citizen> enrolled, Rotation<PasswordLogin.Citizen> withPassword, Rotation<ChipLogin.Card> cards) {
    }

    Prepared prepare(Database registry, Database registryOwner, BenchRealm realm, Path data) throws InterruptedException {
        List<String> numbers = BenchRealm.citizens(registry, phones + passwords, seed);
        say(String.format(Locale.ROOT, "enrolling %,d phones, setting %,d passwords", phones, passwords));
        Rotation<AppLogin.Citizen> enrolled = new Rotation<>(realm.enrol(numbers.subList(0, phones), 4), PUSHES_PER_CITIZEN_PER_MINUTE);
        Rotation<PasswordLogin.Citizen> withPassword = new Rotation<>(realm.setPasswords(numbers.subList(phones, numbers.size()), 2), 0);
        say(String.format(Locale.ROOT, "making %,d virtual CCCD cards", cards));
        Rotation<ChipLogin.Card> chips = new Rotation<>(Cards.prepare(registryOwner, SandboxPki.of(data), cards, seed,
                Set.copyOf(numbers)), 0);
        return new Prepared(enrolled, withPassword, chips);
    }

    /** The sandbox's public portal, the realm flow's relying party. */
    static RelyingParty portal(URI realmUrl, Path data) {
        return new RelyingParty(realmUrl, "public-portal", SandboxSecrets.publicPortalSecret(data), REDIRECT_URI);
    }

    Sandbox.Plan plan(Path home, Path data, String adminPassword) {
        Map<String, String> environment = Map.of(
                SandboxSecrets.PUBLIC_PORTAL_SECRET, SandboxSecrets.publicPortalSecret(data),
                SandboxSecrets.BANK_EKYC_SECRET, SandboxSecrets.get(data, SandboxSecrets.BANK_EKYC_SECRET),
                SandboxSecrets.BANK_CALL_CENTRE_SECRET, SandboxSecrets.get(data, SandboxSecrets.BANK_CALL_CENTRE_SECRET),
                "DINHDANH_PUBLIC_PORTAL_URL", PORTAL_URL,
                // Every browser of the run is 127.0.0.1: lift the per-address limit; the per-citizen one stays.
                "KC_SPI_DINHDANH_APP__DEFAULT__PUSHES_PER_ADDRESS_PER_MINUTE", Integer.toString(pushesPerAddress),
                // The JVM ends idle JIT compiler threads, and their CPU with them: kept, the meter counts all of it.
                "JAVA_OPTS_APPEND", "-XX:-UseDynamicNumberOfCompilerThreads");
        return new Sandbox.Plan(home, home.resolve("sandbox/target/keycloak-providers"), data, home.resolve("bench/target/app-bench"),
                port == 0 ? Ports.free() : port, Ports.free(), null, adminPassword, environment, citizens, null);
    }

    private void validate() {
        if (workers < 1 || workers > 64 || crowdWorkers < 0 || crowdWorkers > 2000 || seconds < 1 || latencyLogins < 1
                || warmupSeconds < 0 || afterLoadLogins < 0 || crowdSeconds < 1 || cards < 1 || rounds < 1 || rounds > 20) {
            throw new SandboxException("--workers 1..64, --crowd-workers 0..2000, --rounds 1..20, --seconds, --crowd-seconds, --cards and "
                    + "--latency-logins at least 1");
        }
        if (phones < Math.max(workers, crowdWorkers) || passwords < workers) {
            throw new SandboxException("--phones must be at least --workers and --crowd-workers, --passwords at least --workers "
                    + "(a citizen logs in once at a time)");
        }
        for (long[] range : List.of(thinkMillis, crowdThinkMillis)) {
            if (range.length != 2 || range[0] < 0 || range[1] < range[0]) {
                throw new SandboxException("--think-ms and --crowd-think-ms are min,max with 0 <= min <= max");
            }
        }
    }

    /** The 1, 5 and 15-minute load averages. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static void delete(Path data) {
        try {
            FileTrees.delete(data);
        } catch (IOException e) {
            say("could not delete " + data + ": " + e.getMessage());
        }
    }

    static void say(String line) {
        System.out.println("bench: " + line);
    }
}
