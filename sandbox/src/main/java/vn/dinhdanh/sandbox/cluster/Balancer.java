package vn.dinhdanh.sandbox.cluster;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import vn.dinhdanh.sandbox.SandboxException;

/**
 * HAProxy in front of the cluster's nodes, configured by {@code docker/haproxy.cfg}: the same file the
 * container deployment uses, with only its {@code bind} and {@code server} lines written for this machine's
 * loopback ports.
 */
public final class Balancer implements AutoCloseable {

    /** How to get HAProxy where it is missing: printed as is. */
    public static final String INSTALL_HINT = "--nodes needs HAProxy as the load balancer; install it with "
            + "`sudo apt-get install haproxy` (Debian/Ubuntu) or your system's package manager";

    private final Process process;
    private final int port;
    private final Path log;

    private Balancer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** One backend server: a node's HTTP port and the management port its health is checked on. */
    public record Backend(String name, int httpPort, int managementPort) {
    }

    /** The haproxy executable, on the PATH or where Debian puts it (/usr/sbin is not on every user's PATH). */
    public static Optional<Path> executable() {
        List<String> directories = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        directories.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/sbin"));
        return directories.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, "haproxy"))
                .filter(Files::isExecutable).findFirst();
    }

    /**
     * {@code template} with its {@code bind} lines replaced by one on loopback {@code port} and the {@code server}
     * lines of each backend section by one per node (health checked on its management port); everything else as
     * written.
     */
    public static String configure(String template, int port, List<Backend> backends) {
        StringBuilder out = new StringBuilder();
        boolean serversWritten = false;
        int sections = 0;
        for (String line : template.split("\n", -1)) {
            String trimmed = line.strip();
            String indent = line.substring(0, line.length() - line.stripLeading().length());
            if (trimmed.startsWith("backend ")) {
                serversWritten = false;
                out.append(line).append('\n');
            } else if (trimmed.startsWith("bind ")) {
                out.append(indent).append("bind 127.0.0.1:").append(port).append('\n');
            } else if (trimmed.startsWith("server ")) {
                if (!serversWritten) {
                    for (Backend backend : backends) {
                        out.append(indent).append("server ").append(backend.name()).append(" 127.0.0.1:")
                                .append(backend.httpPort()).append(" check port ").append(backend.managementPort()).append('\n');
                    }
                    serversWritten = true;
                    sections++;
                }
            } else {
                out.append(line).append('\n');
            }
        }
        if (sections == 0) {
            throw new SandboxException("the HAProxy configuration has no server line to replace");
        }
        return out.toString().stripTrailing() + "\n";
    }

    /** Writes the configuration next to the logs, checks it ({@code haproxy -c}), runs HAProxy in the foreground. */
    public static Balancer start(Path template, int port, List<Backend> backends, Path workDirectory) {
        Path haproxy = executable().orElseThrow(() -> new SandboxException(INSTALL_HINT));
        try {
            Files.createDirectories(workDirectory);
            Path config = workDirectory.resolve("haproxy.cfg");
            Files.writeString(config, configure(Files.readString(template, StandardCharsets.UTF_8), port, backends));
            Path log = workDirectory.resolve("haproxy.log");
            Process check = new ProcessBuilder(haproxy.toString(), "-c", "-q", "-f", config.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
                throw new SandboxException("HAProxy refuses its configuration " + config + ": " + lastLine(log));
            }
            Process process = new ProcessBuilder(haproxy.toString(), "-db", "-f", config.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            return new Balancer(process, port, log);
        } catch (IOException e) {
            throw new SandboxException("cannot start HAProxy: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while starting HAProxy", e);
        }
    }

    private static String lastLine(Path log) {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("no output");
        } catch (IOException e) {
            return "no output";
        }
    }

    public URI baseUrl() {
        return URI.create("http://localhost:" + port);
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** SIGUSR1 would drain; the cluster stops with it, so SIGTERM (HAProxy's hard stop) is enough. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
