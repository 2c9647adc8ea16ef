package vn.dinhdanh.bench.chip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChipReportTest {

    @Test
    void theBoundIsOneOverTheSummedTimes() {
        // 1 ms + 1 ms: 500 a second; 1 ms + 3 × 0.25 ms: about 571.
        assertThat(ChipReport.bound(1000, 1000)).isCloseTo(500, within(1e-9));
        assertThat(ChipReport.bound(1000, 4000, 4000, 4000)).isCloseTo(1 / 0.00175, within(1e-9));
    }

    @Test
    void reportsBothBoundsAndTheGoalPerChip() throws Exception {
        String json = "[" + result("fullVerification", "EC", 300) + "," + result("rawSodSignature", "EC", 1000)
                + "," + result("rawDocumentSignerSignature", "EC", 1000) + "," + result("rawCrlSignature", "EC", 1000)
                + "," + result("rawActiveAuthSignature", "EC", 1000) + "," + result("fullVerification", "RSA", 200) + "]";
        Map<String, Map<String, ChipReport.Score>> scores = ChipReport.read(new ObjectMapper().readTree(json));
        assertThat(scores.get("EC").get("fullVerification").perSecond()).isEqualTo(300);
        String report = ChipReport.report(scores);
        assertThat(report).contains("| full verification (`ChipVerifier.verify`) | 300 ± 3 | 200 ± 2 |");
        assertThat(report).contains("**bound**: SOD + AA (the signatures computed per verification) | 500 | – |");
        assertThat(report).contains("| full / that bound | 60 % | – |"); // 300 / 500
        assertThat(report).contains("| full / that bound | 120 % | – |"); // 300 / 250
        assertThat(report).contains("EC: 60 % of the per-verification bound: goal met.");
        assertThat(report).contains("RSA: – of the per-verification bound: goal not measured.");
    }

    private static String result(String method, String chip, double score) {
        return "{\"benchmark\":\"vn.dinhdanh.bench.chip.ChipVerificationBenchmark." + method + "\",\"params\":{\"activeAuth\":\""
                + chip + "\"},\"primaryMetric\":{\"score\":" + score + ",\"scoreError\":" + score / 100
                + ",\"scoreUnit\":\"ops/s\"}}";
    }
}
