package vn.dinhdanh.bench.app;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import vn.dinhdanh.bench.probe.LatencySummary;
import vn.dinhdanh.sandbox.SandboxException;

/**
 * The run's phases, in order, on one server: warm-up (each kind of login); app logins one at a time (the
 * latency); app logins with {@code workers} workers approving at once (throughput); a few one at a time right
 * after (a push's cost with the per-address slots the load left); many browsers waiting at once, approvals
 * after seconds (the server's long-poll slots); password logins with the same workers (throughput). Every
 * measured phase is metered for CPU.
 */
final class AppLoginRun {

    /** What to run: workers, seconds per throughput phase, and the rest (see {@code bench/app-logins --help}). */
    record Settings(int workers, int seconds, int warmupSeconds, int latencyLogins, long[] thinkMillis, int afterLoadLogins,
                    int crowdWorkers, long[] crowdThinkMillis, boolean tokenExchange, List<PasswordLogin.Route> routes) {
    }

    private static final String PUSH = "push: ID number posted → number shown";
    private static final LongSupplier AT_ONCE = () -> 0;

    private final Settings settings;
    private final RelyingParty portal;
    private final RelyingParty stock;
    private final Rotation<AppLogin.Citizen> enrolled;
    private final Rotation<PasswordLogin.Citizen> withPassword;
    private final CpuMeter meter;
    private final AppLoginReport report = new AppLoginReport();

    AppLoginRun(Settings settings, RelyingParty portal, RelyingParty stock, Rotation<AppLogin.Citizen> enrolled,
                Rotation<PasswordLogin.Citizen> withPassword, CpuMeter meter) {
        this.settings = settings;
        this.portal = portal;
        this.stock = stock;
        this.enrolled = enrolled;
        this.withPassword = withPassword;
        this.meter = meter;
    }

    AppLoginReport run() throws InterruptedException {
        int workers = settings.workers();
        if (settings.warmupSeconds() > 0) {
            say(String.format(Locale.ROOT, "warming up: %d s of each kind of login, %d workers", settings.warmupSeconds(), workers));
            timed("app push (warm-up)", workers, Duration.ofSeconds(settings.warmupSeconds()), Integer.MAX_VALUE, appLogins(AT_ONCE),
                    AppLogin.Timings::login);
            for (PasswordLogin.Route route : settings.routes()) {
                timed(label(route) + " (warm-up)", workers, Duration.ofSeconds(settings.warmupSeconds()), Integer.MAX_VALUE,
                        passwordLogins(route), Long::longValue);
            }
        }

        long[] think = settings.thinkMillis();
        say(String.format(Locale.ROOT, "latency: %,d app logins one at a time, approval %d–%d ms after the push", settings.latencyLogins(),
                think[0], think[1]));
        LoadRun.Result<AppLogin.Timings> single = metered("app push, 1 at a time", 1, Duration.ofHours(2), settings.latencyLogins(),
                appLogins(think(think)), AppLogin.Timings::login);
        if (single.failed() > 0) {
            throw new SandboxException("latency phase: " + single.failed() + " logins failed " + single.failures());
        }
        latencies(single, "1 at a time");

        say(String.format(Locale.ROOT, "throughput: %d workers, %d s per kind of login", workers, settings.seconds()));
        LoadRun.Result<AppLogin.Timings> load = metered("app push, " + workers + " workers", workers, seconds(), Integer.MAX_VALUE,
                appLogins(AT_ONCE), AppLogin.Timings::login);
        latencies(load, workers + " workers, approval at once");
        report.throughput("VNeID app push (browser + phone)", workers, load.summary(), load.failures());
        if (settings.afterLoadLogins() > 0) {
            // The per-address push slots the load took are held for a minute: what a push costs meanwhile.
            LoadRun.Result<AppLogin.Timings> after = timed("app push, 1 at a time, after the load", 1, Duration.ofHours(1),
                    settings.afterLoadLogins(), appLogins(think(think)), AppLogin.Timings::login);
            report.latency(PUSH, "1 at a time, right after the load", summary(after, AppLogin.Timings::push));
        }
        if (settings.crowdWorkers() > 0) {
            long[] crowdThink = settings.crowdThinkMillis();
            say(String.format(Locale.ROOT, "waiting browsers: %d workers for %d s, approval %d–%d ms after the push",
                    settings.crowdWorkers(), settings.seconds(), crowdThink[0], crowdThink[1]));
            LoadRun.Result<AppLogin.Timings> crowd = metered("app push, " + settings.crowdWorkers() + " workers waiting",
                    settings.crowdWorkers(), seconds(), Integer.MAX_VALUE, appLogins(think(crowdThink)), AppLogin.Timings::login);
            latencies(crowd, String.format(Locale.ROOT, "%d workers, approval after %.1f–%.1f s", settings.crowdWorkers(),
                    crowdThink[0] / 1000.0, crowdThink[1] / 1000.0));
        }
        for (PasswordLogin.Route route : settings.routes()) {
            LoadRun.Result<Long> passwords = metered(label(route) + ", " + workers + " workers", workers, seconds(), Integer.MAX_VALUE,
                    passwordLogins(route), Long::longValue);
            report.throughput(label(route), workers, passwords.summary(), passwords.failures());
        }
        report.note(AppLoginReport.verdict(summary(single, AppLogin.Timings::decidedToRedirect)) + ", one login at a time");
        return report;
    }

    static String label(PasswordLogin.Route route) {
        return route == PasswordLogin.Route.STOCK_FLOW ? "password, stock browser flow (form first)"
                : "password, realm flow via \"try another way\"";
    }

    private Duration seconds() {
        return Duration.ofSeconds(settings.seconds());
    }

    private <T> LoadRun.Result<T> metered(String phase, int workers, Duration limit, int count, IntFunction<LoadRun.Login<T>> logins,
                                          ToLongFunction<T> duration) throws InterruptedException {
        CpuMeter.Sample started = meter.sample();
        LoadRun.Result<T> result = timed(phase, workers, limit, count, logins, duration);
        report.cpu(phase, meter.between(started, meter.sample()), result.perSecond());
        return result;
    }

    private static <T> LoadRun.Result<T> timed(String phase, int workers, Duration limit, int count,
                                               IntFunction<LoadRun.Login<T>> logins, ToLongFunction<T> duration) throws InterruptedException {
        LoadRun.Result<T> result = LoadRun.run(workers, limit, count, logins, duration);
        say(String.format(Locale.ROOT, "%s: %,d logins in %.1f s (%.1f/s), %,d failed%s", phase, result.completed(),
                result.wallNanos() / 1e9, result.perSecond(), result.failed(), result.failures().isEmpty() ? "" : " " + result.failures()));
        return result;
    }

    private void latencies(LoadRun.Result<AppLogin.Timings> run, String phase) {
        report.latency("approval request (phone → server → phone)", phase, summary(run, AppLogin.Timings::approval));
        report.latency("(a) approval returned → long poll answers decided", phase, summary(run, AppLogin.Timings::decidedToPoll));
        report.latency("(b) approval returned → redirect with code", phase, summary(run, AppLogin.Timings::decidedToRedirect));
        report.latency(PUSH, phase, summary(run, AppLogin.Timings::push));
    }

    private static LatencySummary summary(LoadRun.Result<AppLogin.Timings> run, ToLongFunction<AppLogin.Timings> measure) {
        return LatencySummary.of(run.outcomes().stream().mapToLong(measure).toArray(), run.wallNanos());
    }

    private static LongSupplier think(long[] millis) {
        return () -> ThreadLocalRandom.current().nextLong(millis[0], millis[1] + 1);
    }

    /** One app login per worker's turn: the next citizen with a phone, given back afterwards. */
    private IntFunction<LoadRun.Login<AppLogin.Timings>> appLogins(LongSupplier think) {
        return worker -> {
            AppLogin login = new AppLogin(portal, settings.tokenExchange());
            return index -> {
                Rotation.Lease<AppLogin.Citizen> lease = enrolled.take();
                try {
                    return login.run(lease.item(), think);
                } finally {
                    enrolled.give(lease);
                }
            };
        };
    }

    private IntFunction<LoadRun.Login<Long>> passwordLogins(PasswordLogin.Route route) {
        RelyingParty client = route == PasswordLogin.Route.STOCK_FLOW ? stock : portal;
        return worker -> {
            PasswordLogin login = new PasswordLogin(client, route, settings.tokenExchange());
            return index -> {
                Rotation.Lease<PasswordLogin.Citizen> lease = withPassword.take();
                try {
                    return login.run(lease.item());
                } finally {
                    withPassword.give(lease);
                }
            };
        };
    }

    private static void say(String line) {
        System.out.println("bench: " + line);
    }
}
