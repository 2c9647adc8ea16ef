package vn.dinhdanh.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.dinhdanh.sandbox.SandboxException;
import vn.dinhdanh.sandbox.keycloak.KeycloakJvmOptions;

/**
 * Keycloak's password hash (argon2 by BouncyCastle, Keycloak 26.7's default parameters) timed in fresh JVMs, with
 * and without the compiler hint of {@link KeycloakJvmOptions}: how much one hash costs depends on how C2 compiled it
 * in that process, so the unit measured is the JVM, several of each, taken in turn.
 */
@Command(name = "argon2", mixinStandardHelpOptions = true,
        description = "Times Keycloak's argon2 password hash in fresh JVMs, with and without dinhdanh's JIT hint.")
public final class Argon2JitBenchmark implements Callable<Integer> {

    @Option(names = "--jvms", defaultValue = "8", description = "JVMs per variant, started in turn (default: ${DEFAULT-VALUE}).")
    int jvms;

    @Option(names = "--warmup-hashes", defaultValue = "400", description = "Hashes each JVM computes before timing (default: ${DEFAULT-VALUE}).")
    int warmupHashes;

    @Option(names = "--hashes", defaultValue = "150", description = "Hashes each JVM times after its warm-up (default: ${DEFAULT-VALUE}).")
    int hashes;

    /** One way of starting the JVM: its name and extra options. */
    record Variant(String name, List<String> options) {
    }

    static final List<Variant> VARIANTS = List.of(new Variant("the JVM's own choice", List.of()),
            new Variant("with KeycloakJvmOptions", List.of(KeycloakJvmOptions.VALUE.split(" "))));

    public static void main(String[] args) {
        if (args.length == 3 && args[0].equals("--child")) {
            System.out.println(millisPerHash(Integer.parseInt(args[1]), Integer.parseInt(args[2])));
            return;
        }
        System.exit(new CommandLine(new Argon2JitBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (jvms < 1 || jvms > 50 || warmupHashes < 0 || hashes < 1) {
            throw new SandboxException("--jvms 1..50, --hashes at least 1, --warmup-hashes at least 0");
        }
        System.out.printf(Locale.ROOT, "argon2: %d JVMs per variant (%s), each %d hashes of warm-up, then %d timed; one at a time%n",
                jvms, System.getProperty("java.version"), warmupHashes, hashes);
        double[][] results = new double[VARIANTS.size()][jvms];
        for (int i = 0; i < jvms; i++) {
            for (int v = 0; v < VARIANTS.size(); v++) {
                results[v][i] = child(VARIANTS.get(v));
                System.out.printf(Locale.ROOT, "argon2: %s, JVM %d: %.1f ms per hash%n", VARIANTS.get(v).name(), i + 1, results[v][i]);
            }
        }
        System.out.println();
        System.out.println(table(results));
        return 0;
    }

    /** The Markdown table: per variant, each JVM's time per hash, the median, and the slowest over the fastest. */
    static String table(double[][] results) {
        StringBuilder out = new StringBuilder("| JVM options | ms per hash, each JVM | median | slowest / fastest |\n|---|---|---:|---:|\n");
        for (int v = 0; v < VARIANTS.size(); v++) {
            double[] sorted = results[v].clone();
            Arrays.sort(sorted);
            List<String> each = new ArrayList<>();
            for (double ms : results[v]) {
                each.add(String.format(Locale.ROOT, "%.1f", ms));
            }
            double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
            out.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.2f |%n", VARIANTS.get(v).name(), String.join(", ", each), median,
                    sorted[sorted.length - 1] / sorted[0]));
        }
        return out.toString();
    }

    /** One fresh JVM of {@code variant}: its time per hash. */
    private double child(Variant variant) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(variant.options());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Argon2JitBenchmark.class.getName(), "--child",
                Integer.toString(warmupHashes), Integer.toString(hashes)));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new SandboxException("the argon2 JVM failed: " + output);
        }
        return Double.parseDouble(output.lines().reduce((a, b) -> b).orElseThrow());
    }

    /** Keycloak 26.7's default argon2 (Argon2Parameters: argon2id, version 1.3, 7168 KiB, 5 iterations, 1 lane, 32 bytes). */
    static double millisPerHash(int warmup, int timed) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(7168).withIterations(5).withParallelism(1).build();
        byte[] hash = new byte[32];
        for (int i = 0; i < warmup; i++) {
            hash(parameters, "warm-up " + i, hash);
        }
        long started = System.nanoTime();
        for (int i = 0; i < timed; i++) {
            hash(parameters, "password " + i, hash);
        }
        return (System.nanoTime() - started) / 1e6 / timed;
    }

    private static void hash(Argon2Parameters parameters, String password, byte[] into) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        generator.generateBytes(password.toCharArray(), into);
    }
}
