package vn.dinhdanh.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import vn.dinhdanh.sandbox.SandboxException;

@DisplayName("bench/argon2")
class Argon2JitBenchmarkTest {

    @Test
    @DisplayName("the table gives each JVM's time, the median and the slowest over the fastest, per variant")
    void table() {
        String table = Argon2JitBenchmark.table(new double[][] {{52.5, 22.0, 28.2, 54.1}, {26.7, 25.8, 21.5, 27.7}});
        assertThat(table).contains("| the JVM's own choice | 52.5, 22.0, 28.2, 54.1 | 40.4 | 2.46 |")
                .contains("| with KeycloakJvmOptions | 26.7, 25.8, 21.5, 27.7 | 26.3 | 1.29 |");
    }

    @Test
    @DisplayName("a hash with Keycloak's parameters is timed")
    void timesAHash() {
        assertThat(Argon2JitBenchmark.millisPerHash(0, 1)).isPositive();
    }

    @Test
    @DisplayName("a number of JVMs, hashes or warm-up hashes out of range is refused before any JVM starts")
    void refusesOutOfRange() {
        for (String[] args : new String[][] {{"--jvms", "0"}, {"--jvms", "51"}, {"--hashes", "0"}, {"--warmup-hashes", "-1"}}) {
            Argon2JitBenchmark benchmark = new Argon2JitBenchmark();
            new CommandLine(benchmark).parseArgs(args);
            assertThatThrownBy(benchmark::call).as(String.join(" ", args)).isInstanceOf(SandboxException.class)
                    .hasMessage("--jvms 1..50, --hashes at least 1, --warmup-hashes at least 0");
        }
    }
}
