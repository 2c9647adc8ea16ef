package vn.dinhdanh.bench.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import vn.dinhdanh.bench.probe.LatencySummary;
import vn.dinhdanh.sandbox.SandboxException;

/**
 * The run's phases, in order, on one server: warm-up (each kind of login); app-push logins one at a time (the
 * latency); each kind of login with {@code workers} workers (throughput, CPU and registry reads per login): app push,
 * app QR, chip, password by the stock flow and by the realm's flow, and the stock client's SSO cookie (the cheapest
 * login Keycloak can answer: the floor under the others), {@code rounds} times in turn (each kind's rounds added up);
 * a few app logins one at a time right after the first push phase (a push's cost with the per-address slots the load
 * left); the crowd: many browsers waiting at once, citizens approving seconds after the push. Every measured phase is
 * metered for CPU.
 */
final class AppLoginRun {

    /** What to run: workers, seconds per throughput phase, and the rest (see {@code bench/logins --help}). */
    record Settings(int workers, int seconds, int warmupSeconds, int latencyLogins, long[] thinkMillis, int afterLoadLogins,
                    int crowdWorkers, int crowdSeconds, long[] crowdThinkMillis, boolean tokenExchange,
                    List<PasswordLogin.Route> routes, int rounds) {
    }

    /** The kinds of login the throughput phases run, with their key in {@code logins.json}. */
    enum Kind {
        APP_PUSH("app_push", "VNeID app push (browser + phone)"),
        APP_QR("app_qr", "VNeID app QR code (browser + phone)"),
        CHIP("chip", "CCCD chip (browser + app reading the card)"),
        PASSWORD_STOCK("password_stock", "password, stock browser flow (form first)"),
        PASSWORD_REALM("password_realm", "password, realm flow via \"try another way\""),
        SSO_COOKIE("sso_cookie", "SSO cookie, one request (Keycloak's floor)");

        final String key;
        final String label;

        Kind(String key, String label) {
            this.key = key;
            this.label = label;
        }
    }

    private static final String PUSH = "push: ID number posted → number shown";
    private static final LongSupplier AT_ONCE = () -> 0;

    private final Settings settings;
    private final RelyingParty portal;
    private final RelyingParty stock;
    private final Rotation<AppLogin.Citizen> enrolled;
    private final Rotation<PasswordLogin.Citizen> withPassword;
    private final Rotation<ChipLogin.Card> cards;
    private final CpuMeter meter;
    private final RegistryReads reads;
    private final PagePoll.Waiting waiting = new PagePoll.Waiting();
    /** The SSO-cookie kind's browsers by worker, signed in once and kept from phase to phase. */
    private final Map<Integer, SsoLogin> signedIn = new ConcurrentHashMap<>();
    private final AppLoginReport report = new AppLoginReport();
    private JfrProfile profile;

    AppLoginRun(Settings settings, RelyingParty portal, RelyingParty stock, Rotation<AppLogin.Citizen> enrolled,
                Rotation<PasswordLogin.Citizen> withPassword, Rotation<ChipLogin.Card> cards, CpuMeter meter, RegistryReads reads) {
        this.settings = settings;
        this.portal = portal;
        this.stock = stock;
        this.enrolled = enrolled;
        this.withPassword = withPassword;
        this.cards = cards;
        this.meter = meter;
        this.reads = reads;
    }

    /** Records the server with JFR during each throughput and crowd phase (not the warm-up and latency phases). */
    AppLoginRun profiled(JfrProfile profiler) {
        this.profile = profiler;
        return this;
    }

    AppLoginReport run() throws InterruptedException {
        int workers = settings.workers();
        List<Kind> kinds = kinds();
        if (settings.warmupSeconds() > 0) {
            say(String.format(Locale.ROOT, "warming up: %d s of each kind of login, %d workers", settings.warmupSeconds(), workers));
            for (Kind kind : kinds) {
                timed(kind.label + " (warm-up)", workers, Duration.ofSeconds(settings.warmupSeconds()), Integer.MAX_VALUE,
                        logins(kind, AT_ONCE), d -> d.login());
            }
        }

        long[] think = settings.thinkMillis();
        say(String.format(Locale.ROOT, "latency: %,d app logins one at a time, approval %d–%d ms after the push", settings.latencyLogins(),
                think[0], think[1]));
        LoadRun.Result<AppLogin.Timings> single = metered("app push, 1 at a time", 1, Duration.ofHours(2), settings.latencyLogins(),
                appLogins(think(think)), AppLogin.Timings::login).result();
        if (single.failed() > 0) {
            throw new SandboxException("latency phase: " + single.failed() + " logins failed " + single.failures());
        }
        latencies(single, "app push, 1 at a time", "approval");

        // What the server burns with no login at all (timers, the registry's change feed, the JIT, GC): subtracted in
        // "per server core above idle", which a short or quiet phase needs.
        say("idle: 10 s without logins");
        CpuMeter.Sample idleFrom = meter.sample();
        Thread.sleep(10_000);
        CpuMeter.Usage idle = meter.between(idleFrom, meter.sample());
        report.cpu("idle (no logins), 10 s", idle, 0);
        report.idle(idle);

        int rounds = settings.rounds();
        say(String.format(Locale.ROOT, "throughput: %d workers, %d s per kind of login%s", workers, settings.seconds(),
                rounds > 1 ? String.format(Locale.ROOT, ", %d rounds taking the kinds in turn", rounds) : ""));
        Map<Kind, List<Metered<AppLogin.Timings>>> byKind = new EnumMap<>(Kind.class);
        for (int round = 1; round <= rounds; round++) {
            for (Kind kind : kinds) {
                String phase = kind.label + ", " + workers + " workers" + (rounds > 1 ? ", round " + round : "");
                Metered<AppLogin.Timings> run = metered(phase, workers, seconds(), Integer.MAX_VALUE, logins(kind, AT_ONCE),
                        AppLogin.Timings::login);
                byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(run);
                report.round(kind.key, run.perServerCore());
                if (kind == Kind.APP_PUSH && round == 1 && settings.afterLoadLogins() > 0) {
                    // The per-address push slots the load took are held for a minute: what a push costs meanwhile.
                    LoadRun.Result<AppLogin.Timings> after = timed("app push, 1 at a time, after the load", 1, Duration.ofHours(1),
                            settings.afterLoadLogins(), appLogins(think(think)), AppLogin.Timings::login);
                    report.latency(PUSH, "1 at a time, right after the load", summary(after, AppLogin.Timings::push));
                }
            }
        }
        for (Kind kind : kinds) {
            Metered<AppLogin.Timings> run = Metered.merge(byKind.get(kind));
            report.throughput(kind.label, workers, run.result().summary(), run.result().failures());
            report.kind(kind.key, run.result(), run.cpu(), run.readsPerLogin());
            if (kind == Kind.APP_PUSH || kind == Kind.APP_QR || kind == Kind.CHIP) {
                latencies(run.result(), kind.label + ", " + workers + " workers", kind == Kind.CHIP ? "verification" : "approval");
            }
        }
        if (settings.crowdWorkers() > 0) {
            crowd();
        }
        report.note(AppLoginReport.verdict(summary(single, AppLogin.Timings::decidedToRedirect)) + ", one login at a time");
        return report;
    }

    /** Many browsers waiting at once: each worker starts at a random moment of the first think time, then logs in again and again. */
    private void crowd() throws InterruptedException {
        long[] crowdThink = settings.crowdThinkMillis();
        say(String.format(Locale.ROOT, "crowd: %d browsers for %d s, approval %d–%d ms after the push", settings.crowdWorkers(),
                settings.crowdSeconds(), crowdThink[0], crowdThink[1]));
        LongSupplier think = think(crowdThink);
        IntFunction<LoadRun.Login<AppLogin.Timings>> staggered = worker -> {
            LoadRun.Login<AppLogin.Timings> login = appLogins(think).apply(worker);
            boolean[] first = {true};
            return index -> {
                if (first[0]) {
                    first[0] = false;
                    AppLogin.sleep(ThreadLocalRandom.current().nextLong(crowdThink[1] + 1));
                }
                return login.run(index);
            };
        };
        waiting.resetPeak();
        String phase = String.format(Locale.ROOT, "app push, %d browsers, approval after %.0f–%.0f s", settings.crowdWorkers(),
                crowdThink[0] / 1000.0, crowdThink[1] / 1000.0);
        Metered<AppLogin.Timings> crowd = metered(phase, settings.crowdWorkers(), Duration.ofSeconds(settings.crowdSeconds()),
                Integer.MAX_VALUE, staggered, AppLogin.Timings::login);
        latencies(crowd.result(), phase, "approval");
        report.crowd(waiting.peak(), summary(crowd.result(), AppLogin.Timings::decidedToRedirect), crowd.result().completed(),
                crowd.result().failed(), crowd.result().failures());
        report.note(String.format(Locale.ROOT, "crowd: at most %,d browsers waited at once; %s", waiting.peak(),
                AppLoginReport.verdict(summary(crowd.result(), AppLogin.Timings::decidedToRedirect))));
    }

    private List<Kind> kinds() {
        List<Kind> kinds = new ArrayList<>(List.of(Kind.APP_PUSH, Kind.APP_QR, Kind.CHIP));
        for (PasswordLogin.Route route : settings.routes()) {
            kinds.add(route == PasswordLogin.Route.STOCK_FLOW ? Kind.PASSWORD_STOCK : Kind.PASSWORD_REALM);
        }
        if (settings.routes().contains(PasswordLogin.Route.STOCK_FLOW)) {
            kinds.add(Kind.SSO_COOKIE);
        }
        return kinds;
    }

    private Duration seconds() {
        return Duration.ofSeconds(settings.seconds());
    }

    /** A measured phase: its logins, where the CPU went, and the registry's reads per completed login. */
    record Metered<T>(LoadRun.Result<T> result, CpuMeter.Usage cpu, double readsPerLogin) {

        double perServerCore() {
            return cpu.perServerCore(result.perSecond());
        }

        /** Rounds of one kind of login as one phase: logins together, CPU averaged over their times. */
        static <T> Metered<T> merge(List<Metered<T>> rounds) {
            if (rounds.size() == 1) {
                return rounds.get(0);
            }
            double[] seconds = rounds.stream().mapToDouble(m -> m.result().wallNanos() / 1e9).toArray();
            int completed = rounds.stream().mapToInt(m -> m.result().completed()).sum();
            double reads = completed == 0 ? 0
                    : rounds.stream().mapToDouble(m -> m.readsPerLogin() * m.result().completed()).sum() / completed;
            return new Metered<>(LoadRun.Result.merge(rounds.stream().map(Metered::result).toList()),
                    CpuMeter.Usage.averaged(rounds.stream().map(Metered::cpu).toList(), seconds), reads);
        }
    }

    private <T> Metered<T> metered(String phase, int workers, Duration limit, int count, IntFunction<LoadRun.Login<T>> logins,
                                   ToLongFunction<T> duration) throws InterruptedException {
        boolean profiling = profile != null && workers > 1;
        if (profiling) {
            profile.start(phase);
        }
        long readsBefore = reads.count();
        CpuMeter.Sample started = meter.sample();
        LoadRun.Result<T> result = timed(phase, workers, limit, count, logins, duration);
        CpuMeter.Usage usage = meter.between(started, meter.sample());
        if (profiling) {
            profile.stop(phase).ifPresent(report::profile);
        }
        report.cpu(phase, usage, result.perSecond());
        double perLogin = result.completed() == 0 ? 0 : (double) (reads.countSettled() - readsBefore) / result.completed();
        report.reads(phase, perLogin);
        return new Metered<>(result, usage, perLogin);
    }

    private static <T> LoadRun.Result<T> timed(String phase, int workers, Duration limit, int count,
                                               IntFunction<LoadRun.Login<T>> logins, ToLongFunction<T> duration) throws InterruptedException {
        LoadRun.Result<T> result = LoadRun.run(workers, limit, count, logins, duration);
        say(String.format(Locale.ROOT, "%s: %,d logins in %.1f s (%.1f/s), %,d failed%s", phase, result.completed(),
                result.wallNanos() / 1e9, result.perSecond(), result.failed(), result.failures().isEmpty() ? "" : " " + result.failures()));
        return result;
    }

    private void latencies(LoadRun.Result<AppLogin.Timings> run, String phase, String action) {
        boolean chip = action.equals("verification");
        report.latency(chip ? "chip verification request (app → server → app)" : "approval request (phone → server → phone)", phase,
                summary(run, AppLogin.Timings::approval));
        report.latency("(a) " + action + " returned → long poll answers", phase, summary(run, AppLogin.Timings::decidedToPoll));
        report.latency("**(b) " + action + " returned → redirect with code**", phase, summary(run, AppLogin.Timings::decidedToRedirect));
        report.latency(chip ? "chip page: method chosen → page with its QR code" : phase.startsWith("VNeID app QR")
                ? "QR code fetched (the page's once-a-second GET)" : PUSH, phase, summary(run, AppLogin.Timings::push));
    }

    private static LatencySummary summary(LoadRun.Result<AppLogin.Timings> run, ToLongFunction<AppLogin.Timings> measure) {
        return LatencySummary.of(run.outcomes().stream().mapToLong(measure).toArray(), run.wallNanos());
    }

    private static LongSupplier think(long[] millis) {
        return () -> ThreadLocalRandom.current().nextLong(millis[0], millis[1] + 1);
    }

    private IntFunction<LoadRun.Login<AppLogin.Timings>> logins(Kind kind, LongSupplier think) {
        return switch (kind) {
            case APP_PUSH -> appLogins(think);
            case APP_QR -> qrLogins(think);
            case CHIP -> chipLogins();
            case PASSWORD_STOCK -> passwordLogins(PasswordLogin.Route.STOCK_FLOW);
            case PASSWORD_REALM -> passwordLogins(PasswordLogin.Route.TRY_ANOTHER_WAY);
            case SSO_COOKIE -> ssoLogins();
        };
    }

    /** One app login per worker's turn: the next citizen with a phone, given back afterwards. */
    private IntFunction<LoadRun.Login<AppLogin.Timings>> appLogins(LongSupplier think) {
        return worker -> {
            AppLogin login = new AppLogin(portal, settings.tokenExchange(), waiting);
            return index -> enrolled.use(citizen -> login.run(citizen, think));
        };
    }

    private IntFunction<LoadRun.Login<AppLogin.Timings>> qrLogins(LongSupplier think) {
        return worker -> {
            AppQrLogin login = new AppQrLogin(portal, settings.tokenExchange(), waiting);
            return index -> enrolled.use(citizen -> login.run(citizen, think));
        };
    }

    private IntFunction<LoadRun.Login<AppLogin.Timings>> chipLogins() {
        return worker -> {
            ChipLogin login = new ChipLogin(portal, waiting);
            return index -> cards.use(login::run);
        };
    }

    private IntFunction<LoadRun.Login<AppLogin.Timings>> passwordLogins(PasswordLogin.Route route) {
        RelyingParty client = route == PasswordLogin.Route.STOCK_FLOW ? stock : portal;
        return worker -> {
            PasswordLogin login = new PasswordLogin(client, route, settings.tokenExchange());
            return index -> withPassword.use(citizen -> new AppLogin.Timings(login.run(citizen), 0, 0, 0, 0));
        };
    }

    /** The stock client's authorization request answered from each worker's SSO cookie. */
    private IntFunction<LoadRun.Login<AppLogin.Timings>> ssoLogins() {
        return worker -> {
            SsoLogin login = signedIn.computeIfAbsent(worker, w -> new SsoLogin(stock));
            return index -> new AppLogin.Timings(login.run(withPassword), 0, 0, 0, 0);
        };
    }

    private static void say(String line) {
        System.out.println("bench: " + line);
    }
}
