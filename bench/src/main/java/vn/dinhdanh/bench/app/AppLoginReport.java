package vn.dinhdanh.bench.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.dinhdanh.bench.probe.LatencySummary;

/** The run's tables, in the Markdown docs/benchmarks.md uses. */
final class AppLoginReport {

    /** The goal of issue 5: the browser continues within 300 ms of the approval, at p99. */
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
            double server = usage.keycloak() + usage.postgres();
            return server > 0 ? perSecond / server : 0;
        }
    }

    private final List<Latency> latencies = new ArrayList<>();
    private final List<Cpu> cpu = new ArrayList<>();
    private final List<Throughput> throughputs = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void latency(String measure, String phase, LatencySummary summary) {
        latencies.add(new Latency(measure, phase, summary));
    }

    void throughput(String login, int workers, LatencySummary summary, Map<String, Integer> failures) {
        throughputs.add(new Throughput(login, workers, summary, failures));
    }

    void cpu(String phase, CpuMeter.Usage usage, double perSecond) {
        cpu.add(new Cpu(phase, usage, perSecond));
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
            out.append(String.format(Locale.ROOT, "%n| phase | CPU busy (cores of %d) | Keycloak | PostgreSQL | driver | other processes "
                    + "| logins/s | logins/s per server core |%n", Runtime.getRuntime().availableProcessors()));
            out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Cpu row : cpu) {
                CpuMeter.Usage u = row.usage();
                out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f | %.1f |%n", row.phase(), u.busy(),
                        u.keycloak(), u.postgres(), u.driver(), u.others(), row.perSecond(), row.perServerCore()));
            }
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
        return out.toString();
    }

    /** Whether a p99 meets the goal, in words. */
    static String verdict(LatencySummary redirect) {
        return String.format(Locale.ROOT, "goal p99 ≤ %.0f ms from approval to the redirect: %s (p99 %.1f ms)", GOAL_P99_MILLIS,
                redirect.p99Millis() <= GOAL_P99_MILLIS ? "met" : "MISSED", redirect.p99Millis());
    }
}
