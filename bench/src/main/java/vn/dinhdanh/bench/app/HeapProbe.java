package vn.dinhdanh.bench.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server's live heap: {@code jcmd <pid> GC.run} (a full collection), then {@code GC.heap_info}'s "used". What is
 * left after a full collection is what the server keeps; a soak compares it at the start and at the end.
 */
final class HeapProbe {

    /**
     * G1's heap line ({@code garbage-first heap   total 262144K, used 81234K [...]}), or one line per generation for
     * the Serial and Parallel collectors ({@code def new generation}, {@code tenured generation}): summed.
     */
    private static final Pattern USED = Pattern.compile("\\btotal\\s+\\d+K,\\s+used\\s+(\\d+)K");

    private final Path jcmd;

    HeapProbe() {
        this(Path.of(ProcessHandle.current().info().command().orElseThrow(() -> new IllegalStateException("no java command")))
                .resolveSibling("jcmd"));
    }

    HeapProbe(Path jcmd) {
        this.jcmd = jcmd;
    }

    /** Bytes in use on {@code jvm}'s heap right after a full collection. */
    long usedAfterFullGc(ProcessHandle jvm) {
        jcmd(jvm, "GC.run");
        return used(jcmd(jvm, "GC.heap_info"));
    }

    static long used(String heapInfo) {
        Matcher m = USED.matcher(heapInfo);
        long kib = 0;
        boolean found = false;
        while (m.find()) {
            kib += Long.parseLong(m.group(1));
            found = true;
        }
        if (!found) {
            throw new IllegalStateException("GC.heap_info without a heap line: " + heapInfo.lines().findFirst().orElse(""));
        }
        return kib * 1024;
    }

    private String jcmd(ProcessHandle jvm, String command) {
        Path out = null;
        try {
            // Its output to a file, so that a jcmd that hangs is stopped by the timeout instead of blocking a read.
            out = Files.createTempFile("dinhdanh-jcmd-", ".txt");
            Process process = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(jvm.pid()), command))
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("jcmd " + command + " did not answer within 2 minutes");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + command + " failed: " + text.strip());
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("jcmd " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a temporary file left behind
                }
            }
        }
    }
}
