package vn.dinhdanh.bench.app;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import vn.dinhdanh.bench.probe.LatencySummary;

/**
 * The soak's results: a row per minute (logins, failures by cause, p50 and p99 from due to end, the server's CPU),
 * each node's heap after a full collection at the start and at the end (flat within 10 %, the goal), failures by
 * cause, per kind of login; as Markdown, as JSON ({@code bench/target/soak.json}) and as a PNG plot of throughput and
 * p99 over time ({@code bench/target/soak.png}, XChart).
 */
final class SoakReport {

    /** The goal: each node's heap after a full collection at the end within 10 % of the start. */
    static final double HEAP_GOAL = 0.10;
    /** The plot's time resolution. */
    static final int PLOT_BUCKET_SECONDS = 10;

    private final SoakRun.Settings settings;
    private final long wallNanos;
    private final List<SoakRun.Done> done;
    private final List<SoakRun.Failed> failed;
    private final List<SoakRun.Event> events;
    private final List<CpuMeter.Usage> cpuPerMinute;
    private final Map<Integer, Long> heapBefore;
    private final Map<Integer, Long> heapAfter;
    private final int restarted;

    SoakReport(SoakRun.Settings settings, long wallNanos, List<SoakRun.Done> done, List<SoakRun.Failed> failed,
               List<SoakRun.Event> events, List<CpuMeter.Usage> cpuPerMinute, Map<Integer, Long> heapBefore,
               Map<Integer, Long> heapAfter, int restarted) {
        this.settings = settings;
        this.wallNanos = wallNanos;
        this.done = List.copyOf(done);
        this.failed = List.copyOf(failed);
        this.events = List.copyOf(events);
        this.cpuPerMinute = List.copyOf(cpuPerMinute);
        this.heapBefore = Map.copyOf(heapBefore);
        this.heapAfter = Map.copyOf(heapAfter);
        this.restarted = restarted;
    }

    /** One minute of the run (from 1): what ended in it. */
    record Minute(int minute, int completed, int failed, double p50Millis, double p99Millis, Map<String, Integer> failures,
                  CpuMeter.Usage cpu, List<String> events) {
    }

    /** A node's heap after a full collection at the start and at the end. */
    record Heap(int node, long startBytes, long endBytes, boolean restarted) {

        double change() {
            return startBytes == 0 ? 0 : (double) (endBytes - startBytes) / startBytes;
        }

        boolean flat() {
            return Math.abs(change()) <= HEAP_GOAL;
        }

        /** The goal's verdict: a restarted node's end is another JVM's heap, no comparison with the start. */
        String verdict() {
            return restarted ? "n/a (a new JVM since the restart)" : flat() ? "met" : "**missed**";
        }
    }

    /**
     * When a login ended, for its minute or plot bucket: those that ended after the timed length (arrived in time,
     * finished a moment later) count in the last one.
     */
    private long at(long atNanos) {
        return Math.min(atNanos, settings.length().toNanos() - 1);
    }

    List<Minute> minutes() {
        int count = (int) Math.max(1, Math.ceil(settings.length().toNanos() / 60e9));
        List<Minute> minutes = new ArrayList<>();
        for (int m = 0; m < count; m++) {
            long from = m * 60_000_000_000L;
            long to = from + 60_000_000_000L;
            long[] nanos = done.stream().filter(d -> at(d.atNanos()) >= from && at(d.atNanos()) < to).mapToLong(SoakRun.Done::nanos).toArray();
            Map<String, Integer> failures = new TreeMap<>();
            failed.stream().filter(f -> at(f.atNanos()) >= from && at(f.atNanos()) < to).forEach(f -> failures.merge(f.cause(), 1, Integer::sum));
            LatencySummary s = nanos.length == 0 ? null : LatencySummary.of(nanos, 60_000_000_000L);
            List<String> happened = events.stream().filter(e -> e.atNanos() >= from && e.atNanos() < to)
                    .map(e -> String.format(Locale.ROOT, "%.0f s: %s", e.atNanos() / 1e9, e.what())).toList();
            minutes.add(new Minute(m + 1, nanos.length, failures.values().stream().mapToInt(Integer::intValue).sum(),
                    s == null ? 0 : s.p50Millis(), s == null ? 0 : s.p99Millis(), failures,
                    m < cpuPerMinute.size() ? cpuPerMinute.get(m) : null, happened));
        }
        return minutes;
    }

    List<Heap> heaps() {
        List<Heap> heaps = new ArrayList<>();
        for (Map.Entry<Integer, Long> before : new TreeMap<>(heapBefore).entrySet()) {
            heaps.add(new Heap(before.getKey(), before.getValue(), heapAfter.getOrDefault(before.getKey(), 0L),
                    before.getKey() == restarted));
        }
        return heaps;
    }

    Map<String, Integer> failuresByCause() {
        Map<String, Integer> causes = new TreeMap<>();
        failed.forEach(f -> causes.merge(f.cause(), 1, Integer::sum));
        return causes;
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Soak: %.0f s at %.1f logins/s arriving (%s, a quarter each), %d driver workers; "
                + "node %d restarted half-way; times from when a login was due to the code at the relying party%n%n",
                wallNanos / 1e9, settings.perSecond(), SoakRun.MIX.stream().map(k -> k.key).toList(), settings.workers(), restarted));
        out.append("| Minute | Logins | Failed | p50 ms | p99 ms | Keycloak cores | PostgreSQL cores | What happened |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (Minute m : minutes()) {
            out.append(String.format(Locale.ROOT, "| %d | %,d | %,d | %.0f | %.0f | %s | %s | %s |%n", m.minute(), m.completed(), m.failed(),
                    m.p50Millis(), m.p99Millis(), m.cpu() == null ? "—" : String.format(Locale.ROOT, "%.2f", m.cpu().keycloak()),
                    m.cpu() == null ? "—" : String.format(Locale.ROOT, "%.2f", m.cpu().postgres()),
                    String.join("; ", m.events()) + (m.failures().isEmpty() ? "" : (m.events().isEmpty() ? "" : "; ") + m.failures())));
        }
        out.append("\n| Kind | Logins | Failed | p50 ms | p99 ms |\n|---|---|---|---|---|\n");
        for (AppLoginRun.Kind kind : SoakRun.MIX) {
            long[] nanos = done.stream().filter(d -> d.kind() == kind).mapToLong(SoakRun.Done::nanos).toArray();
            LatencySummary s = nanos.length == 0 ? null : LatencySummary.of(nanos, wallNanos);
            out.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %.0f | %.0f |%n", kind.key, nanos.length,
                    failed.stream().filter(f -> f.kind() == kind).count(), s == null ? 0 : s.p50Millis(), s == null ? 0 : s.p99Millis()));
        }
        out.append("\n| Node | Heap after full GC, start | end | change | goal ±10 % |\n|---|---|---|---|---|\n");
        for (Heap h : heaps()) {
            out.append(String.format(Locale.ROOT, "| node %d%s | %.1f MiB | %.1f MiB | %+.1f %% | %s |%n", h.node(),
                    h.restarted() ? " (restarted)" : "", h.startBytes() / 1048576.0, h.endBytes() / 1048576.0,
                    h.change() * 100, h.verdict()));
        }
        Map<String, Integer> causes = failuresByCause();
        out.append(String.format(Locale.ROOT, "%nFailed logins: %,d of %,d%s%n", failed.size(), failed.size() + done.size(),
                causes.isEmpty() ? "" : " — " + causes));
        return out.toString();
    }

    Map<String, Object> json(Map<String, Object> run) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run", run);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("seconds", settings.length().toSeconds());
        s.put("warmupSeconds", settings.warmup().toSeconds());
        s.put("loginsPerSecond", round(settings.perSecond()));
        s.put("workers", settings.workers());
        s.put("mix", SoakRun.MIX.stream().map(k -> k.key).toList());
        s.put("restartedNode", restarted);
        json.put("settings", s);
        List<Map<String, Object>> minutes = new ArrayList<>();
        for (Minute m : minutes()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("minute", m.minute());
            row.put("completed", m.completed());
            row.put("failed", m.failed());
            row.put("p50Ms", round(m.p50Millis()));
            row.put("p99Ms", round(m.p99Millis()));
            row.put("failures", m.failures());
            if (m.cpu() != null) {
                row.put("keycloakCores", round(m.cpu().keycloak()));
                row.put("postgresCores", round(m.cpu().postgres()));
                row.put("driverCores", round(m.cpu().driver()));
                row.put("otherCores", round(m.cpu().others()));
            }
            row.put("events", m.events());
            minutes.add(row);
        }
        json.put("minutes", minutes);
        Map<String, Object> heap = new LinkedHashMap<>();
        for (Heap h : heaps()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("startBytes", h.startBytes());
            entry.put("endBytes", h.endBytes());
            entry.put("change", round(h.change()));
            entry.put("flat", h.restarted() ? null : h.flat());
            entry.put("restarted", h.restarted());
            heap.put("node-" + h.node(), entry);
        }
        json.put("heapAfterFullGc", heap);
        json.put("completed", done.size());
        json.put("failed", failed.size());
        json.put("failuresByCause", failuresByCause());
        return json;
    }

    /** Throughput (completed and failed logins per second) and p50/p99, every {@value #PLOT_BUCKET_SECONDS} s; the restart marked. */
    void plot(OutputStream png) throws IOException {
        int buckets = (int) Math.max(1, Math.ceil(settings.length().toNanos() / (PLOT_BUCKET_SECONDS * 1e9)));
        double[] x = new double[buckets];
        double[] perSecond = new double[buckets];
        double[] failedPerSecond = new double[buckets];
        double[] p50 = new double[buckets];
        double[] p99 = new double[buckets];
        for (int b = 0; b < buckets; b++) {
            long from = b * PLOT_BUCKET_SECONDS * 1_000_000_000L;
            long to = from + PLOT_BUCKET_SECONDS * 1_000_000_000L;
            Predicate<Long> in = ended -> at(ended) >= from && at(ended) < to;
            long[] nanos = done.stream().filter(d -> in.test(d.atNanos())).mapToLong(SoakRun.Done::nanos).toArray();
            x[b] = (b + 1) * PLOT_BUCKET_SECONDS / 60.0;
            perSecond[b] = (double) nanos.length / PLOT_BUCKET_SECONDS;
            failedPerSecond[b] = (double) failed.stream().filter(f -> in.test(f.atNanos())).count() / PLOT_BUCKET_SECONDS;
            if (nanos.length > 0) {
                LatencySummary s = LatencySummary.of(nanos, to - from);
                p50[b] = s.p50Millis();
                p99[b] = s.p99Millis();
            }
        }
        XYChart throughput = chart("Logins per second (every " + PLOT_BUCKET_SECONDS + " s)", "logins/s");
        line(throughput.addSeries("completed", x, perSecond));
        line(throughput.addSeries("failed", x, failedPerSecond));
        XYChart latency = chart("Login time from due to code at the relying party", "ms");
        line(latency.addSeries("p99", x, p99));
        line(latency.addSeries("p50", x, p50));
        for (SoakRun.Event event : events) {
            throughput.addAnnotation(new AnnotationLine(event.atNanos() / 60e9, true, false));
            latency.addAnnotation(new AnnotationLine(event.atNanos() / 60e9, true, false));
        }
        BitmapEncoder.saveBitmap(List.of(throughput, latency), 2, 1, png, BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(1000).height(360).title(title).xAxisTitle("minutes (vertical lines: node restart)")
                .yAxisTitle(yTitle).build();
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisDecimalPattern("0.#");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        return chart;
    }

    private static void line(XYSeries series) {
        series.setMarker(SeriesMarkers.NONE);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
