package vn.dinhdanh.bench.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CpuMeterTest {

    @Test
    @DisplayName("/proc/stat: busy is user, nice, system, irq, softirq and steal; total adds idle and iowait")
    void machine() {
        assertThat(CpuMeter.machine("cpu  100 5 50 800 20 3 2 10 0 0")).containsExactly(170, 990);
        assertThat(CpuMeter.machine("cpu0 1 2 3")).containsExactly(0, 0);
    }

    @Test
    @DisplayName("/proc/<pid>/stat: a command name with spaces and parentheses does not shift the fields")
    void process() {
        String stat = "4242 (java (kc) x) S 1 4242 4242 0 -1 4194560 1 2 3 4 700 300 40 20 20 0 90 0 12345 0 0";
        assertThat(CpuMeter.process(stat)).containsExactly(1000, 60);
        assertThat(CpuMeter.process("")).containsExactly(0, 0);
    }

    @Test
    @DisplayName("cores used between samples; what the run's parts did not use is someone else's")
    void usage() {
        CpuMeter meter = new CpuMeter(Path.of("/nowhere"));
        int cores = Runtime.getRuntime().availableProcessors();
        // One second of wall time is 100 ticks per core.
        CpuMeter.Sample from = new CpuMeter.Sample(0, 0, 0, 0, 0);
        CpuMeter.Sample to = new CpuMeter.Sample(150, 100L * cores, 90, 20, 10);
        CpuMeter.Usage usage = meter.between(from, to);
        assertThat(usage.busy()).isCloseTo(1.5, within(1e-9));
        assertThat(usage.keycloak()).isCloseTo(0.9, within(1e-9));
        assertThat(usage.others()).isCloseTo(0.3, within(1e-9));
        assertThat(meter.between(to, to).busy()).isZero();
    }

    @Test
    @DisplayName("a node stopped and another started between samples: only the ticks each spent in between count")
    void nodeRestarted() {
        CpuMeter meter = new CpuMeter(Path.of("/nowhere"));
        int cores = Runtime.getRuntime().availableProcessors();
        // Node 1 (pid 10) runs on; node 2 (pid 20, 500 ticks in its life) stops; its new JVM (pid 30) starts.
        CpuMeter.Sample from = new CpuMeter.Sample(0, 0, 1500, 0, 0, Map.of(10L, 1000L, 20L, 500L));
        CpuMeter.Sample to = new CpuMeter.Sample(100, 100L * cores, 1080, 0, 0, Map.of(10L, 1050L, 30L, 30L));
        assertThat(meter.between(from, to).keycloak()).as("50 + 30 ticks in one second").isCloseTo(0.8, within(1e-9));
    }

    @Test
    @DisplayName("the JIT compiler's threads, told by name; their ticks between samples, thread by thread")
    void jit() {
        assertThat(CpuMeter.jitThread("77 (C2 CompilerThre) S 1 2 3 0 -1 0 0 0 0 0 500 20 0 0")).isTrue();
        assertThat(CpuMeter.jitThread("78 (C1 CompilerThre) S 1 2 3 0 -1 0 0 0 0 0 5 2 0 0")).isTrue();
        assertThat(CpuMeter.jitThread("79 (executor-thread) S 1 2 3 0 -1 0 0 0 0 0 500 20 0 0")).isFalse();
        assertThat(CpuMeter.jitThread("")).isFalse();
        CpuMeter meter = new CpuMeter(Path.of("/nowhere"));
        int cores = Runtime.getRuntime().availableProcessors();
        // Thread 77 ran on (30 ticks), 78 ended, 80 started (10 ticks).
        CpuMeter.Sample from = new CpuMeter.Sample(0, 0, 1000, 0, 0, Map.of(10L, 1000L), Map.of(77L, 100L, 78L, 50L));
        CpuMeter.Sample to = new CpuMeter.Sample(100, 100L * cores, 1080, 0, 0, Map.of(10L, 1080L), Map.of(77L, 130L, 80L, 10L));
        CpuMeter.Usage usage = meter.between(from, to);
        assertThat(usage.keycloakJit()).isCloseTo(0.4, within(1e-9));
        assertThat(usage.keycloak()).isCloseTo(0.8, within(1e-9));
    }

    @Test
    @DisplayName("a real sample on this machine: the driver has used some CPU, the machine more")
    void sampleHere() {
        CpuMeter.Sample sample = new CpuMeter(Path.of("/nowhere")).sample();
        assertThat(sample.driver()).isPositive();
        assertThat(sample.total()).isGreaterThanOrEqualTo(sample.busy()).isPositive();
        assertThat(sample.postgres()).isZero();
    }

    @Test
    @DisplayName("cores averaged over periods of different lengths, each weighing by its length")
    void averaged() {
        CpuMeter.Usage usage = CpuMeter.Usage.averaged(java.util.List.of(new CpuMeter.Usage(2.0, 1.0, 0.4, 0.2, 0.1),
                new CpuMeter.Usage(1.0, 0.4, 0.1, 0.5, 0.4)), new double[] {30, 10});
        assertThat(usage.busy()).isCloseTo(1.75, within(1e-9));
        assertThat(usage.keycloak()).isCloseTo(0.85, within(1e-9));
        assertThat(usage.postgres()).isCloseTo(0.325, within(1e-9));
        assertThat(usage.driver()).isCloseTo(0.275, within(1e-9));
        assertThat(usage.keycloakJit()).isCloseTo(0.175, within(1e-9));
    }
}
