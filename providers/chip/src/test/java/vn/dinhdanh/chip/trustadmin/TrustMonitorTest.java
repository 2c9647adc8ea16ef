package vn.dinhdanh.chip.trustadmin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dinhdanh.chip.Fixtures;
import vn.dinhdanh.chip.trust.TrustState;

@DisplayName("the trust monitor's meters")
class TrustMonitorTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void register() {
        Metrics.globalRegistry.add(registry);
    }

    @AfterEach
    void unregister() {
        Metrics.globalRegistry.remove(registry);
        Metrics.globalRegistry.clear();
    }

    private static String pem(Object object) throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    @Test
    @DisplayName("a CRL 5 days from its nextUpdate: the time left and a warning (14 days); a fresh one: no warning")
    void warning(@TempDir Path dir) throws Exception {
        Instant now = Fixtures.CLOCK.instant();
        Path file = dir.resolve("csca.pem");
        Files.writeString(file, Fixtures.PKI.cscaPem() + pem(Fixtures.PKI.crl(now.minusSeconds(85 * 86400), now.plusSeconds(5 * 86400), 4)));
        TrustState trust = new TrustState(List.of(file), List.of(), Fixtures.CLOCK);
        TrustMonitor monitor = new TrustMonitor(trust, Duration.ofDays(14));
        assertThat(gauge("dinhdanh.chip.crl.next_update.seconds")).isEqualTo(5 * 86400);
        assertThat(gauge("dinhdanh.chip.crl.warning")).isEqualTo(1);
        assertThat(gauge("dinhdanh.chip.trust.cscas")).isEqualTo(1);

        Files.writeString(file, Fixtures.PKI.cscaPem() + pem(Fixtures.PKI.crl(now.minusSeconds(86400), now.plusSeconds(89 * 86400), 5)));
        assertThat(monitor.tick(false).result()).isEqualTo(TrustState.Result.LOADED);
        assertThat(gauge("dinhdanh.chip.crl.warning")).isZero();
        assertThat(gauge("dinhdanh.chip.trust.reload_failed")).isZero();

        Files.writeString(file, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
        assertThat(monitor.tick(false).result()).isEqualTo(TrustState.Result.FAILED);
        assertThat(gauge("dinhdanh.chip.trust.reload_failed")).isEqualTo(1);
        assertThat(gauge("dinhdanh.chip.crl.warning")).as("the previous store stays").isZero();
    }
}
