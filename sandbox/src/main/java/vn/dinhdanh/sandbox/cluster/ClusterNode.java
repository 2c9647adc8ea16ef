package vn.dinhdanh.sandbox.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.dinhdanh.sandbox.LocalHttp;
import vn.dinhdanh.sandbox.SandboxException;
import vn.dinhdanh.sandbox.keycloak.KeycloakDistribution;
import vn.dinhdanh.sandbox.keycloak.KeycloakServer;
import vn.dinhdanh.sandbox.keycloak.ServerOptions;

/** One Keycloak node of a sandbox cluster: its own distribution copy and ports; killed and started again at will. */
public final class ClusterNode implements AutoCloseable {

    /** Infinispan's line for each new cluster view: {@code ISPN000094: Received new cluster view ... (2) [node-1, node-2]}. */
    private static final Pattern VIEW = Pattern.compile("ISPN000094: .*\\((\\d+)\\) \\[");
    private static final HttpClient HTTP = LocalHttp.builder().connectTimeout(Duration.ofSeconds(2)).build();

    private final int number;
    private final KeycloakDistribution distribution;
    private final ServerOptions options;
    private KeycloakServer server;
    private long logOffset;

    public ClusterNode(int number, KeycloakDistribution distribution, ServerOptions options) {
        this.number = number;
        this.distribution = distribution;
        this.options = options;
    }

    public int number() {
        return number;
    }

    public ServerOptions options() {
        return options;
    }

    /** Starts the node (a running one is left alone) and waits until it is ready. */
    public synchronized void start(Duration timeout) {
        if (server != null && server.isAlive()) {
            return;
        }
        try {
            logOffset = Files.isRegularFile(options.log()) ? Files.size(options.log()) : 0;
        } catch (IOException e) {
            logOffset = 0;
        }
        server = KeycloakServer.start(distribution, options);
        server.awaitReady(timeout);
    }

    /** SIGKILL, as a crash does: requests in flight on it fail, nothing is drained. */
    public synchronized void kill() {
        if (server != null && server.isAlive()) {
            server.kill();
        }
    }

    /** A clean stop (SIGTERM): Keycloak finishes its requests and leaves the cluster view. */
    public synchronized void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The node's running JVM (for {@code jcmd}: heap, flight recordings), if it runs. */
    public synchronized Optional<ProcessHandle> jvm() {
        return server != null && server.isAlive() ? Optional.of(server.jvm()) : Optional.empty();
    }

    public synchronized boolean isAlive() {
        return server != null && server.isAlive();
    }

    public URI baseUrl() {
        return URI.create("http://localhost:" + options.httpPort());
    }

    public URI managementUrl() {
        return URI.create("http://127.0.0.1:" + options.managementPort());
    }

    /** What {@code ./dinhdanh nodes} prints for this node. */
    public Status status() {
        KeycloakServer running;
        synchronized (this) {
            running = server;
        }
        if (running == null || !running.isAlive()) {
            return new Status(number, "http://127.0.0.1:" + options.httpPort(), null, false, 0);
        }
        return new Status(number, "http://127.0.0.1:" + options.httpPort(), running.jvm().pid(), ready(), clusterSize());
    }

    /** {@code clusterSize}: the members in the last cluster view this node logged (0 before its first). */
    public record Status(int node, String url, Long pid, boolean ready, int clusterSize) {

        public String toJson() {
            return "{\"node\": " + node + ", \"url\": \"" + url + "\", \"pid\": " + pid + ", \"ready\": " + ready
                    + ", \"clusterSize\": " + clusterSize + "}";
        }
    }

    private boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(managementUrl() + "/health/ready"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private int clusterSize() {
        try {
            byte[] log = Files.readAllBytes(options.log());
            long from;
            synchronized (this) {
                from = Math.min(logOffset, log.length);
            }
            // This run's lines only: a restarted node appends to the log of its earlier runs.
            List<String> lines = new String(log, (int) from, log.length - (int) from, StandardCharsets.UTF_8).lines().toList();
            for (int i = lines.size() - 1; i >= 0; i--) {
                Matcher view = VIEW.matcher(lines.get(i));
                if (view.find()) {
                    return Integer.parseInt(view.group(1));
                }
            }
            return 0;
        } catch (IOException e) {
            throw new SandboxException("cannot read " + options.log() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
