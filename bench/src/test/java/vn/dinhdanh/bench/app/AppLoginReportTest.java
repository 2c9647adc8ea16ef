package vn.dinhdanh.bench.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.dinhdanh.bench.probe.LatencySummary;

class AppLoginReportTest {

    /** 100 latencies of 1..100 ms over ten seconds. */
    private static LatencySummary millis(long scale) {
        return LatencySummary.of(LongStream.rangeClosed(1, 100).map(i -> i * scale * 1_000_000).toArray(), 10_000_000_000L);
    }

    /** 100 logins of 1..100 ms over ten seconds: 10 logins/s. */
    private static LoadRun.Result<Long> hundredLogins() {
        long[] nanos = LongStream.rangeClosed(1, 100).map(i -> i * 1_000_000).toArray();
        return new LoadRun.Result<>(java.util.Collections.nCopies(100, 1L), nanos, 10_000_000_000L, Map.of());
    }

    @Test
    @DisplayName("latency and throughput tables in Markdown, failures named under them")
    void tables() {
        AppLoginReport report = new AppLoginReport();
        report.latency("(b) approval returned → redirect with code", "1 at a time", millis(1));
        report.throughput("VNeID app push", 8, millis(3), Map.of("approval refused: HTTP 400 challenge_expired", 2));
        report.cpu("app push, 8 workers", new CpuMeter.Usage(1.9, 1.2, 0.3, 0.35, 0.25), 30);
        report.note("a note");
        String table = report.render();
        assertThat(table).contains("| (b) approval returned → redirect with code | 1 at a time | 100 | 50.0 | 90.0 | 99.0 | 100.0 |");
        assertThat(table).contains("| VNeID app push | 8 | 10.0 | 100 | 2 | 10.0 | 150 | 270 | 297 |");
        assertThat(table).contains("VNeID app push: 2 failed: approval refused: HTTP 400 challenge_expired");
        assertThat(table).contains("| app push, 8 workers | 1.90 | 1.20 | 0.25 | 0.30 | 0.35 | 0.05 | 30.0 | 20.0 |");
        assertThat(table).endsWith("a note\n");
    }

    @Test
    @DisplayName("the goal's verdict: p99 at most 300 ms")
    void verdict() {
        assertThat(AppLoginReport.verdict(millis(3))).contains("met (p99 297.0 ms)");
        assertThat(AppLoginReport.verdict(millis(4))).contains("MISSED (p99 396.0 ms)");
    }

    @Test
    @DisplayName("logins.json: each kind's rate per server core, its server CPU against a stock-flow password login, the crowd")
    void json() {
        AppLoginReport report = new AppLoginReport();
        LoadRun.Result<Long> hundred = hundredLogins();
        report.kind("password_stock", hundred, new CpuMeter.Usage(2.0, 1.8, 0.2, 0.0, 0.0), 1);
        report.kind("app_push", hundred, new CpuMeter.Usage(0.5, 0.15, 0.05, 0.3, 0.1), 1.25);
        report.reads("app push, 16 workers", 1.25);
        report.crowd(512, millis(1), 900, 0, Map.of());

        Map<String, Object> json = report.json(Map.of("quick", true));

        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> kinds = (Map<String, Map<String, Object>>) json.get("kinds");
        assertThat(kinds.get("password_stock")).containsEntry("loginsPerSecond", 10.0).containsEntry("loginsPerServerCore", 5.0)
                .containsEntry("p50Ms", 50.0).containsEntry("p99Ms", 99.0).containsEntry("failed", 0);
        assertThat(kinds.get("app_push")).containsEntry("loginsPerServerCore", 50.0).containsEntry("serverCpuPerLoginVsPasswordStock", 0.1)
                .containsEntry("registryReadsPerLogin", 1.25).containsEntry("driverCores", 0.3)
                .containsEntry("keycloakJitCores", 0.1).containsEntry("loginsPerServerCoreWithoutJit", 100.0)
                .containsEntry("serverCpuPerLoginVsPasswordStockWithoutJit", 0.05);
        assertThat((Map<String, Object>) json.get("crowd")).containsEntry("waitingBrowsers", 512)
                .containsEntry("approvalToRedirectP50Ms", 50.0).containsEntry("approvalToRedirectP99Ms", 99.0).containsEntry("failed", 0);
    }

    @Test
    @DisplayName("rounds: each kind's ratio to the password login of the same round, in the table and in logins.json")
    void rounds() {
        AppLoginReport report = new AppLoginReport();
        report.round("password_stock", 16);
        report.round("app_push", 80);
        report.round("password_stock", 25);
        report.round("app_push", 100);
        LoadRun.Result<Long> hundred = hundredLogins();
        report.kind("password_stock", hundred, new CpuMeter.Usage(2.0, 0.45, 0.05, 0.0, 0.0), 1);
        report.kind("app_push", hundred, new CpuMeter.Usage(0.5, 0.1, 0.0, 0.3, 0.0), 1);

        assertThat(report.ratiosByRound()).containsEntry("app_push", java.util.List.of(0.2, 0.25))
                .containsEntry("password_stock", java.util.List.of(1.0, 1.0));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> kinds = (Map<String, Map<String, Object>>) report.json(Map.of()).get("kinds");
        assertThat(kinds.get("app_push")).containsEntry("serverCpuPerLoginVsPasswordStockByRound", java.util.List.of(0.2, 0.25))
                .containsEntry("serverCpuPerLoginVsPasswordStock", 0.2);
        assertThat(report.render()).contains("| server CPU per login vs a stock password login | round 1 | round 2 | all rounds |")
                .contains("| app_push | 0.20 | 0.25 | 0.20 |");
    }

    @Test
    @DisplayName("without rounds there is no table of rounds and no ratios by round")
    void oneRound() {
        AppLoginReport report = new AppLoginReport();
        report.round("password_stock", 16);
        report.round("app_push", 80);
        assertThat(report.render()).doesNotContain("round 1");
        assertThat(report.json(Map.of()).toString()).doesNotContain("ByRound");
    }
}
