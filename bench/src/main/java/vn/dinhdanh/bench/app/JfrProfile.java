package vn.dinhdanh.bench.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Java Flight Recorder on the server during a phase ({@code --profile DIR}): {@code jcmd <keycloak> JFR.start} with
 * the {@code profile} settings (a CPU sample every 10 ms of each running thread) as the phase starts, {@code JFR.stop}
 * into {@code DIR/<phase>.jfr} as it ends, then the samples' top frames: where the server's CPU went (self: the frame
 * on top of the stack; total: frames anywhere on it, dinhdanh's and Keycloak's own code and the libraries they call).
 */
final class JfrProfile {

    private final Path directory;
    private final Path jcmd;
    private final long pid;

    private JfrProfile(Path directory, Path jcmd, long pid) {
        this.directory = directory;
        this.jcmd = jcmd;
        this.pid = pid;
    }

    /** A profiler of the run's Keycloak (the driver's Java child process running Keycloak's main class). */
    static JfrProfile of(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        Path jcmd = java.resolveSibling("jcmd");
        long pid = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains("io.quarkus.bootstrap.runner.QuarkusEntryPoint")
                        || c.contains("keycloak")).orElse(false))
                .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst().orElseThrow(() -> new IOException("no Keycloak process to profile"));
        return new JfrProfile(directory, jcmd, pid);
    }

    void start(String phase) {
        jcmd("JFR.start", "name=" + name(phase), "settings=profile");
    }

    /** Stops the phase's recording and summarises it (empty when the recording could not be read). */
    Optional<String> stop(String phase) {
        Path file = directory.resolve(name(phase) + ".jfr");
        jcmd("JFR.stop", "name=" + name(phase), "filename=" + file.toAbsolutePath());
        try {
            return Optional.of(summary(phase, file, 12));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void jcmd(String... command) {
        try {
            List<String> line = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
            line.addAll(List.of(command));
            Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            process.waitFor(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("jcmd failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String name(String phase) {
        return phase.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    /** The recording's execution samples: the top frames by self and by total share, as Markdown. */
    static String summary(String phase, Path file, int rows) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        int samples = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                List<RecordedFrame> frames = stack.getFrames();
                if (frames.isEmpty()) {
                    continue;
                }
                samples++;
                self.merge(frame(frames.get(0)), 1, Integer::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : frames) {
                    String name = frame(frame);
                    if (interesting(name) && seen.add(name)) {
                        total.merge(name, 1, Integer::sum);
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%nServer CPU samples, %s: %,d%n%n", phase, samples));
        out.append("| self % | top frame |\n|---:|---|\n");
        int n = samples;
        self.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(rows)
                .forEach(e -> out.append(String.format(Locale.ROOT, "| %.1f | `%s` |%n", 100.0 * e.getValue() / n, e.getKey())));
        out.append("\n| total % | frame (dinhdanh, Keycloak, and what they call for pages, crypto, QR codes, the store) |\n|---:|---|\n");
        total.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(rows * 2)
                .forEach(e -> out.append(String.format(Locale.ROOT, "| %.1f | `%s` |%n", 100.0 * e.getValue() / n, e.getKey())));
        return out.toString();
    }

    private static boolean interesting(String frame) {
        return frame.startsWith("vn.dinhdanh.") || frame.startsWith("org.keycloak.") || frame.startsWith("freemarker.")
                || frame.startsWith("com.google.zxing.") || frame.startsWith("com.webauthn4j.") || frame.startsWith("org.bouncycastle.")
                || frame.startsWith("de.mkammerer.argon2") || frame.startsWith("org.infinispan.") || frame.startsWith("org.hibernate.")
                || frame.startsWith("sun.security.") || frame.startsWith("org.jmrtd.");
    }

    private static String frame(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
