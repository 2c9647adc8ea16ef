package vn.dinhdanh.bench.chip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads JMH's JSON results of {@link ChipVerificationBenchmark} and prints the table of
 * docs/benchmarks.md: each benchmark's rate per chip, the bound (1 / the summed times of the raw
 * signature verifications), and full verification as a share of it. Two bounds: the signatures a
 * verification computes each time (EF.SOD and Active Authentication: the JDK keeps the Document Signer
 * certificate's and the CRL's verified signatures, see the docs), and all four signatures the checks
 * contain, as if none had been verified before.
 */
public final class ChipReport {

    static final String FULL = "fullVerification";
    static final String SOD = "rawSodSignature";
    static final String DOCUMENT_SIGNER = "rawDocumentSignerSignature";
    static final String CRL = "rawCrlSignature";
    static final String ACTIVE_AUTH = "rawActiveAuthSignature";
    /** The goal: full verification at this share of the bound, or more. */
    static final double GOAL = 0.5;

    private ChipReport() {
    }

    /** One benchmark's score: operations a second, and JMH's 99.9 % error. */
    record Score(double perSecond, double error) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ChipReport JMH-RESULTS.json");
            System.exit(2);
        }
        System.out.println(report(read(new ObjectMapper().readTree(new File(args[0])))));
    }

    /** Chip (the {@code activeAuth} parameter) → benchmark method → score. */
    static Map<String, Map<String, Score>> read(JsonNode results) {
        Map<String, Map<String, Score>> byChip = new LinkedHashMap<>();
        for (JsonNode result : results) {
            String benchmark = result.path("benchmark").asText();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            String chip = result.path("params").path("activeAuth").asText("?");
            JsonNode metric = result.path("primaryMetric");
            if (!"ops/s".equals(metric.path("scoreUnit").asText())) {
                throw new IllegalArgumentException(benchmark + ": expected ops/s, got " + metric.path("scoreUnit").asText());
            }
            byChip.computeIfAbsent(chip, c -> new LinkedHashMap<>())
                    .put(method, new Score(metric.path("score").asDouble(), metric.path("scoreError").asDouble()));
        }
        return byChip;
    }

    /** Operations a second of doing each of {@code rates} once: 1 / Σ (1 / rate). */
    static double bound(double... rates) {
        double seconds = 0;
        for (double rate : rates) {
            seconds += 1 / rate;
        }
        return 1 / seconds;
    }

    static String report(Map<String, Map<String, Score>> byChip) {
        List<String> chips = new ArrayList<>(byChip.keySet());
        StringBuilder out = new StringBuilder();
        out.append("| benchmark (ops/s, 1 thread) |");
        chips.forEach(c -> out.append(' ').append(c).append(" |"));
        out.append("\n|---|");
        chips.forEach(c -> out.append("---:|"));
        out.append('\n');
        row(out, "full verification (`ChipVerifier.verify`)", chips, byChip, FULL);
        row(out, "raw: EF.SOD signature (ECDSA P-256)", chips, byChip, SOD);
        row(out, "raw: Document Signer certificate signature", chips, byChip, DOCUMENT_SIGNER);
        row(out, "raw: CRL signature", chips, byChip, CRL);
        row(out, "raw: Active Authentication signature", chips, byChip, ACTIVE_AUTH);
        List<Double> computed = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        for (String chip : chips) {
            Map<String, Score> scores = byChip.get(chip);
            if (scores.keySet().containsAll(List.of(FULL, SOD, DOCUMENT_SIGNER, CRL, ACTIVE_AUTH))) {
                computed.add(bound(rate(scores, SOD), rate(scores, ACTIVE_AUTH)));
                all.add(bound(rate(scores, SOD), rate(scores, DOCUMENT_SIGNER), rate(scores, CRL), rate(scores, ACTIVE_AUTH)));
            } else {
                computed.add(Double.NaN);
                all.add(Double.NaN);
            }
        }
        derived(out, "**bound**: SOD + AA (the signatures computed per verification)", chips, byChip, computed);
        derived(out, "bound: SOD + DS certificate + CRL + AA (all four)", chips, byChip, all);
        out.append("\nGoal: full verification ≥ ").append(percent(GOAL)).append(" of the bound.");
        for (int i = 0; i < chips.size(); i++) {
            double ratio = byChip.get(chips.get(i)).containsKey(FULL) ? rate(byChip.get(chips.get(i)), FULL) / computed.get(i) : Double.NaN;
            out.append(String.format(Locale.ROOT, "%n%s: %s of the per-verification bound: goal %s.", chips.get(i),
                    percent(ratio), Double.isNaN(ratio) ? "not measured" : ratio >= GOAL ? "met" : "NOT met"));
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String label, List<String> chips, Map<String, Map<String, Score>> byChip,
                            String method) {
        out.append("| ").append(label).append(" |");
        for (String chip : chips) {
            Score score = byChip.get(chip).get(method);
            out.append(' ').append(score == null ? "–"
                    : String.format(Locale.ROOT, "%,.0f ± %,.0f", score.perSecond(), score.error())).append(" |");
        }
        out.append('\n');
    }

    private static void derived(StringBuilder out, String label, List<String> chips,
                                Map<String, Map<String, Score>> byChip, List<Double> bounds) {
        out.append("| ").append(label).append(" |");
        bounds.forEach(b -> out.append(Double.isNaN(b) ? " – |" : String.format(Locale.ROOT, " %,.0f |", b)));
        out.append("\n| full / that bound |");
        for (int i = 0; i < chips.size(); i++) {
            Score full = byChip.get(chips.get(i)).get(FULL);
            out.append(' ').append(full == null ? "–" : percent(full.perSecond() / bounds.get(i))).append(" |");
        }
        out.append('\n');
    }

    private static double rate(Map<String, Score> scores, String method) {
        return scores.get(method).perSecond();
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.0f %%", 100 * share);
    }
}
