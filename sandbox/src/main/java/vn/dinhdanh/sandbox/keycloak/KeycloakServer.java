package vn.dinhdanh.sandbox.keycloak;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import vn.dinhdanh.sandbox.LocalHttp;
import vn.dinhdanh.sandbox.SandboxException;

/**
 * A Keycloak server process started the way production starts it: {@code kc.sh start --optimized}
 * on a built distribution, HTTP on loopback; local caches (one node), or a member of an Infinispan
 * cluster behind a load balancer ({@link ServerOptions#cluster()}).
 */
public final class KeycloakServer implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final ServerOptions options;

    private KeycloakServer(Process process, ServerOptions options) {
        this.process = process;
        this.options = options;
    }

    public static KeycloakServer start(KeycloakDistribution distribution, ServerOptions options) {
        List<String> command = new ArrayList<>(List.of(
                distribution.home().resolve("bin/kc.sh").toString(),
                "start", "--optimized", "--import-realm",
                "--http-enabled=true",
                "--http-host=127.0.0.1",
                "--http-port=" + options.httpPort(),
                "--http-management-port=" + options.managementPort(),
                "--hostname-strict=false",
                "--db-url=" + options.database().jdbcUrl(),
                "--db-username=" + options.database().username(),
                "--log-console-color=false"));
        command.addAll(caching(options.cluster()));
        if (options.registry() != null) {
            command.add("--db-url-full-registry=" + options.registry().jdbcUrl());
            command.add("--db-username-registry=" + options.registry().username());
        }
        ProcessBuilder builder = JavaRuntime.environment(new ProcessBuilder(command))
                .directory(distribution.home().toFile())
                .redirectErrorStream(true)
                // A restarted cluster member appends: the log of the run that crashed stays readable.
                .redirectOutput(options.cluster() == null ? ProcessBuilder.Redirect.to(options.log().toFile())
                        : ProcessBuilder.Redirect.appendTo(options.log().toFile()));
        // Secrets go through the environment, never the command line that `ps` shows.
        Map<String, String> environment = builder.environment();
        String password = options.database().password();
        if (password != null && !password.isEmpty()) {
            environment.put("KC_DB_PASSWORD", password);
        }
        if (options.registry() != null && options.registry().password() != null) {
            environment.put("KC_DB_PASSWORD_REGISTRY", options.registry().password());
        }
        environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", options.adminUsername());
        environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", options.adminPassword());
        // No --hostname here: the registry change feed's logouts (sent outside any request) name the server by this URL.
        environment.put("KC_SPI_STORAGE__DINHDANH_POPULATION__FRONTEND_URL", "http://localhost:" + options.httpPort());
        environment.putAll(options.environment());
        KeycloakJvmOptions.addTo(environment);
        try {
            Files.createDirectories(options.log().getParent());
            return new KeycloakServer(builder.start(), options);
        } catch (IOException e) {
            throw new SandboxException("cannot start Keycloak: " + e.getMessage(), e);
        }
    }

    /**
     * One node: local caches (without them Infinispan looks for cluster members over JGroups). A cluster member:
     * Keycloak's embedded Infinispan, peers found through the database (jdbc-ping), the transport on loopback
     * on its own port (JGroups' default 7800 on the site-local address collides with a second node on one host),
     * and the load balancer's X-Forwarded-* headers trusted from loopback only (the client's address is what
     * the per-address limits count, not the balancer's).
     */
    static List<String> caching(ServerOptions.ClusterMember cluster) {
        if (cluster == null) {
            return List.of("--cache=local");
        }
        return List.of("--cache=ispn", "--cache-stack=jdbc-ping",
                "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + cluster.transportPort(),
                // Infinispan's name for this node, in the cluster views and logs.
                "--spi-cache-embedded--default--node-name=" + cluster.name(),
                "--proxy-headers=xforwarded", "--proxy-trusted-addresses=127.0.0.1",
                // A clean stop drains: /health/ready reports DOWN for 3 s while requests are still served, long
                // enough for the balancer (checks every second, two failures) to take the node out; then in-flight
                // requests get up to 10 s to finish.
                "--shutdown-delay=3s", "--shutdown-timeout=10s");
    }

    /** Waits for {@code /health/ready}; fails early, with the server's own reason, if it exits. */
    public void awaitReady(Duration timeout) {
        HttpClient http = LocalHttp.builder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + options.managementPort() + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new SandboxException("Keycloak stopped while starting (exit " + process.exitValue() + "): "
                        + LogTail.lastError(options.log()) + "; full log: " + options.log());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (ConnectException e) {
                // not listening yet
            } catch (IOException e) {
                // starting: connection reset or timed out
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SandboxException("interrupted while waiting for Keycloak", e);
            }
            sleep(250);
        }
        throw new SandboxException("Keycloak was not ready within " + timeout.toSeconds() + " s; see " + options.log());
    }

    /** The address browsers and relying parties use. */
    public URI baseUrl() {
        return URI.create("http://localhost:" + options.httpPort());
    }

    public URI managementUrl() {
        return URI.create("http://127.0.0.1:" + options.managementPort());
    }

    public Path log() {
        return options.log();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The server's JVM (kc.sh starts it as its child), or kc.sh itself while the JVM is not yet started. */
    public ProcessHandle jvm() {
        return process.descendants().filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst().orElse(process.toHandle());
    }

    /** Ends the server at once, as a crash or a power cut does: SIGKILL to its JVM, no shutdown at all. */
    public void kill() {
        ProcessHandle jvm = jvm();
        jvm.destroyForcibly();
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            jvm.onExit().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new SandboxException("Keycloak's JVM (pid " + jvm.pid() + ") did not end after SIGKILL", e);
        }
    }

    public ServerOptions options() {
        return options;
    }

    /** Blocks until the server process ends; returns its exit code. */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** SIGTERM (kc.sh forwards it to the JVM, which shuts down gracefully), then SIGKILL if need be. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while waiting for Keycloak", e);
        }
    }
}
