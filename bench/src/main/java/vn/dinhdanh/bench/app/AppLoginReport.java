package vn.dinhdanh.bench.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import vn.dinhdanh.bench.probe.LatencySummary;

/** The run's tables, in the Markdown docs/benchmarks.md uses. */
final class AppLoginReport {

    /** The goal: the browser continues within 300 ms of the approval, at p99. */
    static final double GOAL_P99_MILLIS = 300;

    /** A latency row: what was timed, from which phase, and its summary. */
    record Latency(String measure, String phase, LatencySummary summary) {
    }

    /** A throughput row: a kind of login run by {@code workers} workers. */
    record Throughput(String login, int workers, LatencySummary summary, Map<String, Integer> failures) {
    }

    /** Where the CPU went during a phase, and the phase's logins per second. */
    record Cpu(String phase, CpuMeter.Usage usage, double perSecond) {

        /** Logins per second for each core Keycloak and PostgreSQL kept busy: the server's cost, without the driver's. */
        double perServerCore() {
            return usage.perServerCore(perSecond);
        }
    }

    private final List<Latency> latencies = new ArrayList<>();
    private final List<Cpu> cpu = new ArrayList<>();
    private final List<Throughput> throughputs = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Double> readsPerLogin = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> kinds = new LinkedHashMap<>();
    /** Each kind's logins per server core, round by round, when the throughput phases ran in rounds. */
    private final Map<String, List<Double>> perCoreByRound = new LinkedHashMap<>();
    private Map<String, Object> crowd;
    private final List<String> profiles = new ArrayList<>();
    private CpuMeter.Usage idle;

    void latency(String measure, String phase, LatencySummary summary) {
        latencies.add(new Latency(measure, phase, summary));
    }

    void throughput(String login, int workers, LatencySummary summary, Map<String, Integer> failures) {
        throughputs.add(new Throughput(login, workers, summary, failures));
    }

    void cpu(String phase, CpuMeter.Usage usage, double perSecond) {
        cpu.add(new Cpu(phase, usage, perSecond));
    }

    /** The server's CPU with no login running, for the rates above idle. */
    void idle(CpuMeter.Usage usage) {
        this.idle = usage;
    }

    void profile(String summary) {
        profiles.add(summary);
    }

    void reads(String phase, double perLogin) {
        readsPerLogin.put(phase, perLogin);
    }

    /** One kind of login's throughput phase, for {@code logins.json}. */
    void kind(String key, LoadRun.Result<?> run, CpuMeter.Usage usage, double reads) {
        LatencySummary s = run.summary();
        double server = usage.serverCores();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("loginsPerSecond", round(run.perSecond()));
        entry.put("loginsPerServerCore", round(usage.perServerCore(run.perSecond())));
        entry.put("p50Ms", round(s.p50Millis()));
        entry.put("p99Ms", round(s.p99Millis()));
        entry.put("failed", run.failed());
        entry.put("completed", run.completed());
        entry.put("serverCores", round(server));
        entry.put("keycloakCores", round(usage.keycloak()));
        entry.put("keycloakJitCores", round(usage.keycloakJit()));
        double steady = server - usage.keycloakJit();
        entry.put("loginsPerServerCoreWithoutJit", round(steady > 0 ? run.perSecond() / steady : 0));
        entry.put("postgresCores", round(usage.postgres()));
        entry.put("driverCores", round(usage.driver()));
        entry.put("otherCores", round(usage.others()));
        entry.put("registryReadsPerLogin", round(reads));
        if (idle != null) {
            double aboveIdle = server - idle.serverCores();
            entry.put("loginsPerServerCoreAboveIdle", round(aboveIdle > 0 ? run.perSecond() / aboveIdle : 0));
        }
        kinds.put(key, entry);
    }

    /** One round of a kind's throughput phase: its logins per server core. */
    void round(String key, double perServerCore) {
        perCoreByRound.computeIfAbsent(key, k -> new ArrayList<>()).add(perServerCore);
    }

    /**
     * Each kind's server CPU per login against the stock password login's, round by round (the rounds ran the kinds in
     * turn, so that a round's ratio compares minutes close together); empty for a kind without rounds.
     */
    Map<String, List<Double>> ratiosByRound() {
        List<Double> password = perCoreByRound.getOrDefault("password_stock", List.of());
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        perCoreByRound.forEach((key, rounds) -> {
            List<Double> ratio = new ArrayList<>();
            for (int i = 0; i < rounds.size() && i < password.size(); i++) {
                ratio.add(rounds.get(i) > 0 ? round(password.get(i) / rounds.get(i)) : 0);
            }
            ratios.put(key, ratio);
        });
        return ratios;
    }

    /** The crowd phase, for {@code logins.json}. */
    void crowd(int waitingBrowsers, LatencySummary approvalToRedirect, int completed, int failed, Map<String, Integer> failures) {
        crowd = new LinkedHashMap<>();
        crowd.put("waitingBrowsers", waitingBrowsers);
        crowd.put("approvalToRedirectP50Ms", round(approvalToRedirect.p50Millis()));
        crowd.put("approvalToRedirectP99Ms", round(approvalToRedirect.p99Millis()));
        crowd.put("completed", completed);
        crowd.put("failed", failed);
        crowd.put("failures", failures);
    }

    /**
     * {@code logins.json}: each kind's throughput, cost and latency, the server CPU of each kind relative to a stock-flow
     * password login ({@code serverCpuPerLoginVsPasswordStock}: the goal is at most 0.2; {@code …WithoutJit}: the same
     * without the JIT compiler's threads, as a server long warm would pay it), and the crowd.
     */
    Map<String, Object> json(Map<String, Object> run) {
        relativeToStockPassword("loginsPerServerCore", "serverCpuPerLoginVsPasswordStock");
        relativeToStockPassword("loginsPerServerCoreWithoutJit", "serverCpuPerLoginVsPasswordStockWithoutJit");
        ratiosByRound().forEach((key, ratios) -> {
            if (kinds.containsKey(key) && ratios.size() > 1) {
                kinds.get(key).put("serverCpuPerLoginVsPasswordStockByRound", ratios);
            }
        });
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run", run);
        if (idle != null) {
            json.put("idleServerCores", round(idle.serverCores()));
        }
        json.put("kinds", kinds);
        if (crowd != null) {
            json.put("crowd", crowd);
        }
        json.put("notes", notes);
        return json;
    }

    private void relativeToStockPassword(String perCoreKey, String ratioKey) {
        for (Map<String, Object> entry : kinds.values()) {
            relativeToStockPassword(entry, perCoreKey).ifPresent(ratio -> entry.put(ratioKey, round(ratio)));
        }
    }

    /** A kind's server CPU per login against the stock password login's, from their logins per server core. */
    private Optional<Double> relativeToStockPassword(Map<String, Object> entry, String perCoreKey) {
        Object stock = kinds.containsKey("password_stock") ? kinds.get("password_stock").get(perCoreKey) : null;
        double perCore = entry.get(perCoreKey) instanceof Number n ? n.doubleValue() : 0;
        return stock instanceof Number password && perCore > 0 ? Optional.of(password.doubleValue() / perCore) : Optional.empty();
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    void note(String note) {
        notes.add(note);
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append("| measure | phase | n | p50 ms | p90 ms | p99 ms | max ms |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (Latency row : latencies) {
            LatencySummary s = row.summary();
            out.append(String.format(Locale.ROOT, "| %s | %s | %,d | %.1f | %.1f | %.1f | %.1f |%n", row.measure(), row.phase(),
                    s.count(), s.p50Millis(), s.p90Millis(), s.p99Millis(), s.maxMillis()));
        }
        out.append('\n');
        out.append("| login | workers | seconds | completed | failed | logins/s | p50 ms | p90 ms | p99 ms |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Throughput row : throughputs) {
            LatencySummary s = row.summary();
            int failed = row.failures().values().stream().mapToInt(Integer::intValue).sum();
            out.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %,d | %,d | %.1f | %.0f | %.0f | %.0f |%n", row.login(),
                    row.workers(), s.seconds(), s.count(), failed, s.perSecond(), s.p50Millis(), s.p90Millis(), s.p99Millis()));
        }
        if (!cpu.isEmpty()) {
            out.append(String.format(Locale.ROOT, "%n| phase | CPU busy (cores of %d) | Keycloak | of which JIT | PostgreSQL | driver "
                    + "| other processes | logins/s | logins/s per server core | registry reads per login |%n",
                    Runtime.getRuntime().availableProcessors()));
            out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Cpu row : cpu) {
                CpuMeter.Usage u = row.usage();
                Double reads = readsPerLogin.get(row.phase());
                out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f | %.1f | %s |%n", row.phase(),
                        u.busy(), u.keycloak(), u.keycloakJit(), u.postgres(), u.driver(), u.others(), row.perSecond(), row.perServerCore(),
                        reads == null ? "" : String.format(Locale.ROOT, "%.2f", reads)));
            }
        }
        Map<String, List<Double>> byRound = ratiosByRound();
        int rounds = byRound.values().stream().mapToInt(List::size).max().orElse(0);
        if (rounds > 1) {
            out.append("\n| server CPU per login vs a stock password login | ");
            for (int r = 1; r <= rounds; r++) {
                out.append("round ").append(r).append(" | ");
            }
            out.append("all rounds |\n|---|").append("---:|".repeat(rounds + 1)).append('\n');
            byRound.forEach((key, ratios) -> {
                out.append("| ").append(key).append(" | ");
                ratios.forEach(ratio -> out.append(String.format(Locale.ROOT, "%.2f | ", ratio)));
                out.append(relativeToStockPassword(kinds.getOrDefault(key, Map.of()), "loginsPerServerCore")
                        .map(ratio -> String.format(Locale.ROOT, "%.2f", ratio)).orElse("")).append(" |\n");
            });
        }
        for (Throughput row : throughputs) {
            row.failures().forEach((reason, count) -> out.append(String.format(Locale.ROOT, "%n%s: %,d failed: %s", row.login(), count, reason)));
        }
        if (throughputs.stream().anyMatch(t -> !t.failures().isEmpty())) {
            out.append('\n');
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(note -> out.append(note).append('\n'));
        }
        profiles.forEach(out::append);
        return out.toString();
    }

    /** Whether a p99 meets the goal, in words. */
    static String verdict(LatencySummary redirect) {
        return String.format(Locale.ROOT, "goal p99 ≤ %.0f ms from approval to the redirect: %s (p99 %.1f ms)", GOAL_P99_MILLIS,
                redirect.p99Millis() <= GOAL_P99_MILLIS ? "met" : "MISSED", redirect.p99Millis());
    }
}
