package vn.dinhdanh.bench.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dinhdanh.sandbox.SandboxException;

class SoakTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    @DisplayName("--soak lengths: 10m, 600s, 1h, bare seconds; anything else is refused with the form to use")
    void lengths() {
        assertThat(SoakBenchmark.length("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(SoakBenchmark.length("600s")).isEqualTo(Duration.ofSeconds(600));
        assertThat(SoakBenchmark.length("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(SoakBenchmark.length("90")).isEqualTo(Duration.ofSeconds(90));
        for (String bad : new String[] {"", "0m", "ten", "10 minutes", "-5s"}) {
            assertThatThrownBy(() -> SoakBenchmark.length(bad)).isInstanceOf(SandboxException.class).hasMessageContaining("10m, 600s or 1h");
        }
    }

    @Test
    @DisplayName("the rate: half the mix's peak, the kinds' rates combined harmonically (a quarter each)")
    void halfPeak(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("logins.json");
        Files.writeString(json, "{\"kinds\": {\"app_push\": {\"loginsPerSecond\": 40}, \"app_qr\": {\"loginsPerSecond\": 40},"
                + " \"chip\": {\"loginsPerSecond\": 40}, \"password_stock\": {\"loginsPerSecond\": 10}}}");
        // 4 logins take 1/40 + 1/40 + 1/40 + 1/10 s = 0.175 s: 22.86/s at peak, half of it 11.43.
        assertThat(SoakBenchmark.halfPeak(json)).isCloseTo(4 / 0.175 / 2, org.assertj.core.data.Offset.offset(1e-9));
        Files.writeString(json, "{\"kinds\": {\"app_push\": {\"loginsPerSecond\": 40}}}");
        assertThatThrownBy(() -> SoakBenchmark.halfPeak(json)).hasMessageContaining("app_qr").hasMessageContaining("--soak-rate");
        assertThatThrownBy(() -> SoakBenchmark.halfPeak(dir.resolve("none.json"))).hasMessageContaining("--soak-rate");
    }

    @Test
    @DisplayName("the heap in use after a full GC, from jcmd GC.heap_info (G1 and Serial)")
    void heapInfo() {
        assertThat(HeapProbe.used(" garbage-first heap   total 262144K, used 81234K [0x00000000f0000000, 0x0000000100000000)\n"
                + "  region size 1024K, 12 young (12288K), 0 survivors (0K)\n")).isEqualTo(81234L * 1024);
        assertThat(HeapProbe.used(" def new generation   total 9792K, used 3022K [...]\n tenured generation   total 21888K, used 100K\n Metaspace       used 4567K, committed 4864K, reserved 1114112K"))
                .isEqualTo((3022L + 100) * 1024);
        assertThatThrownBy(() -> HeapProbe.used("Could not find any JVM")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("a row per minute with its p99, failures by cause, the restart; the heap's verdict; a PNG plot")
    void report() throws Exception {
        List<SoakRun.Done> done = new ArrayList<>();
        for (int i = 0; i < 120; i++) { // one login a second for two minutes, 100 ms each; the second minute's last 10 take 2 s
            done.add(new SoakRun.Done(i * SECOND + SECOND / 2, SoakRun.MIX.get(i % 4), i >= 110 ? 2 * SECOND : SECOND / 10));
        }
        List<SoakRun.Failed> failed = List.of(
                new SoakRun.Failed(61 * SECOND, AppLoginRun.Kind.CHIP, "the chip page answered HTTP 503"),
                new SoakRun.Failed(62 * SECOND, AppLoginRun.Kind.APP_PUSH, "the chip page answered HTTP 503"));
        List<SoakRun.Event> events = List.of(new SoakRun.Event(60 * SECOND, "node 2 stopping"),
                new SoakRun.Event(90 * SECOND, "node 2 back in the cluster"));
        SoakReport report = new SoakReport(new SoakRun.Settings(Duration.ofMinutes(2), Duration.ZERO, 1, 8, new long[] {250, 750}, false),
                120 * SECOND, done, failed, events, List.of(new CpuMeter.Usage(1, 0.6, 0.2, 0.1)), Map.of(1, 100L << 20, 2, 100L << 20),
                Map.of(1, 105L << 20, 2, 130L << 20), 2);

        List<SoakReport.Minute> minutes = report.minutes();
        assertThat(minutes).hasSize(2);
        assertThat(minutes.get(0).completed()).isEqualTo(60);
        assertThat(minutes.get(0).p99Millis()).isEqualTo(100);
        assertThat(minutes.get(1).p99Millis()).isEqualTo(2000);
        assertThat(minutes.get(1).failures()).containsEntry("the chip page answered HTTP 503", 2);
        assertThat(minutes.get(1).events()).containsExactly("60 s: node 2 stopping", "90 s: node 2 back in the cluster");
        assertThat(report.heaps()).extracting(SoakReport.Heap::verdict).containsExactly("met", "n/a (a new JVM since the restart)");
        assertThat(new SoakReport.Heap(1, 100L << 20, 115L << 20, false).verdict()).isEqualTo("**missed**");

        String table = report.render();
        assertThat(table).contains("| 1 | 60 | 0 | 100 | 100 | 0.60 | 0.20 |");
        assertThat(table).contains("| node 1 | 100.0 MiB | 105.0 MiB | +5.0 % | met |");
        assertThat(table).contains("| node 2 (restarted) | 100.0 MiB | 130.0 MiB | +30.0 % | n/a (a new JVM since the restart) |");
        assertThat(table).contains("Failed logins: 2 of 122");

        Map<String, Object> json = report.json(Map.of());
        assertThat(json).containsEntry("completed", 120).containsEntry("failed", 2);
        assertThat((List<?>) json.get("minutes")).hasSize(2);

        ByteArrayOutputStream png = new ByteArrayOutputStream();
        report.plot(png);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
        assertThat(image).as("a PNG").isNotNull();
        assertThat(image.getWidth()).isEqualTo(1000);
        assertThat(image.getHeight()).isEqualTo(720);
    }
}
