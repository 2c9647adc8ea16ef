package vn.dinhdanh.sandbox.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dinhdanh.sandbox.LocalHttp;
import vn.dinhdanh.sandbox.Ports;

/**
 * The shipped {@code docker/haproxy.cfg} run by a real HAProxy in front of one HTTP server that answers the
 * balancer's health checks as a Keycloak node does. The server stands in for a node because what is tested is the
 * balancer's configuration: which requests it lets finish when a node leaves the rotation.
 */
@DisplayName("the shipped HAProxy configuration in front of a node that stops being ready")
class BalancerDrainTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    @Test
    @DisplayName("a request in flight when its node turns not ready gets the node's answer, not a cut")
    void inFlightRequestFinishes(@TempDir Path work) throws Exception {
        Path template = Path.of(System.getProperty("user.dir")).resolveSibling("docker/haproxy.cfg");
        assertThat(Balancer.executable()).as(Balancer.INSTALL_HINT).isPresent();
        try (Node node = new Node();
             Balancer balancer = Balancer.start(template, Ports.free(), List.of(new Balancer.Backend("node-1", node.port(), node.port())),
                     work)) {
            HttpClient http = LocalHttp.builder().connectTimeout(Duration.ofSeconds(5)).build();
            awaitServing(http, balancer);
            CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(HttpRequest.newBuilder(balancer.baseUrl().resolve("/slow"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).timeout(LIMIT).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(node.slowStarted.await(LIMIT.toSeconds(), TimeUnit.SECONDS)).as("the request reached the node").isTrue();

            node.ready = false;
            awaitLogLine(balancer.log(), "Server keycloak/node-1 is DOWN");
            node.finishSlow.countDown();

            HttpResponse<String> answer = inFlight.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("{\"done\":true}");
        }
    }

    /** HAProxy listens and forwards (its servers start UP; the first checks follow within a second). */
    private static void awaitServing(HttpClient http, Balancer balancer) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(balancer.baseUrl().resolve("/ping")).timeout(LIMIT).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // HAProxy not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("HAProxy did not forward to the node within " + LIMIT + "; its log: " + balancer.log());
    }

    private static void awaitLogLine(Path log, String line) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(line)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("HAProxy never logged \"" + line + "\" (" + log + ")");
    }

    /**
     * A node as the balancer sees it: {@code /health/ready} (200 or 503), {@code /health/live} (200), {@code /ping},
     * and {@code POST /slow}, which answers only when the test lets it.
     */
    private static final class Node implements AutoCloseable {

        private final HttpServer server;
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final CountDownLatch slowStarted = new CountDownLatch(1);
        private final CountDownLatch finishSlow = new CountDownLatch(1);
        private volatile boolean ready = true;

        Node() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.createContext("/health/ready", exchange -> answer(exchange, ready ? 200 : 503, "{\"status\":\"" + (ready ? "UP" : "DOWN") + "\"}"));
            server.createContext("/health/live", exchange -> answer(exchange, 200, "{\"status\":\"UP\"}"));
            server.createContext("/ping", exchange -> answer(exchange, 200, "pong"));
            server.createContext("/slow", exchange -> {
                exchange.getRequestBody().readAllBytes();
                slowStarted.countDown();
                try {
                    finishSlow.await(LIMIT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answer(exchange, 200, "{\"done\":true}");
            });
            server.setExecutor(threads);
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        private static void answer(HttpExchange exchange, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (var out = exchange.getResponseBody()) {
                out.write(bytes);
            } catch (IOException cut) {
                // the balancer closed the connection: what the test looks for from the client's side
            }
        }

        @Override
        public void close() {
            finishSlow.countDown();
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
