package vn.dinhdanh.app.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import vn.dinhdanh.app.qr.QrLogin;

/** The QR login payload a phone scans and posts: parsed, or empty; never an exception. */
class QrPayloadFuzzTest {

    private static final byte[] SECRET = new byte[32];

    @FuzzTest(maxDuration = "10s")
    void payload(FuzzedDataProvider data) {
        String payload = data.consumeBoolean() ? "vneid://qr-login?" + data.consumeRemainingAsString() : data.consumeRemainingAsString();
        QrLogin.parse(payload).ifPresent(scan -> {
            QrLogin.genuine(scan, SECRET);
            QrLogin.fresh(scan, Instant.EPOCH, Instant.EPOCH.plusSeconds(scan.t()));
            assertThat(scan.code()).matches("[0-9a-f]{64}");
        });
    }
}
