package vn.dinhdanh.sandbox.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.dinhdanh.sandbox.LocalHttp;
import vn.dinhdanh.sandbox.SandboxException;
import vn.dinhdanh.sandbox.SandboxSecrets;

/**
 * How {@code ./dinhdanh nodes} reaches the {@code up} that owns the cluster's processes: a small HTTP server on
 * loopback, its address and a random token in {@code <data>/cluster.json} (readable by the owner only). The nodes
 * stay children of {@code up}, so Ctrl-C there stops them all, restarted ones included.
 */
public final class ClusterControl implements AutoCloseable {

    /** What the control server acts on. */
    public interface Nodes {
        List<ClusterNode.Status> statuses();

        void kill(int node);

        void start(int node);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ACTION = Pattern.compile("^/nodes/(\\d+)/(kill|start)$");

    private final HttpServer server;
    private final Path stateFile;

    private ClusterControl(HttpServer server, Path stateFile) {
        this.server = server;
        this.stateFile = stateFile;
    }

    public static Path stateFile(Path dataDirectory) {
        return dataDirectory.resolve("cluster.json");
    }

    public static ClusterControl start(Nodes nodes, Path dataDirectory, String balancerUrl) {
        String token = SandboxSecrets.random();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(2, r -> {
                Thread thread = new Thread(r, "dinhdanh-cluster-control");
                thread.setDaemon(true);
                return thread;
            }));
            server.createContext("/nodes", exchange -> handle(exchange, nodes, token));
            server.start();
            Path state = stateFile(dataDirectory);
            ObjectNode written = JSON.createObjectNode()
                    .put("control", "http://127.0.0.1:" + server.getAddress().getPort())
                    .put("token", token)
                    .put("balancer", balancerUrl);
            Files.deleteIfExists(state);
            Files.createFile(state, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(state, JSON.writeValueAsString(written), StandardOpenOption.TRUNCATE_EXISTING);
            return new ClusterControl(server, state);
        } catch (IOException e) {
            throw new SandboxException("cannot start the cluster's control server: " + e.getMessage(), e);
        }
    }

    private static void handle(HttpExchange exchange, Nodes nodes, String token) throws IOException {
        try (exchange) {
            String presented = exchange.getRequestHeaders().getFirst("Authorization");
            if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                    ("Bearer " + token).getBytes(StandardCharsets.UTF_8))) {
                reply(exchange, 401, "{\"error\": \"unauthorized\"}");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/nodes") && exchange.getRequestMethod().equals("GET")) {
                StringBuilder lines = new StringBuilder();
                nodes.statuses().forEach(s -> lines.append(s.toJson()).append('\n'));
                reply(exchange, 200, lines.toString());
                return;
            }
            Matcher action = ACTION.matcher(path);
            if (!action.matches() || !exchange.getRequestMethod().equals("POST")) {
                reply(exchange, 404, "{\"error\": \"not_found\"}");
                return;
            }
            int node = Integer.parseInt(action.group(1));
            if (node < 1 || node > nodes.statuses().size()) {
                reply(exchange, 400, "{\"error\": \"no_such_node\"}");
                return;
            }
            try {
                if (action.group(2).equals("kill")) {
                    nodes.kill(node);
                } else {
                    nodes.start(node);
                }
                reply(exchange, 200, nodes.statuses().get(node - 1).toJson() + "\n");
            } catch (SandboxException e) {
                reply(exchange, 500, JSON.createObjectNode().put("error", "node_failed").put("message", e.getMessage()).toString());
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** A client of the control server of the {@code up} running from {@code dataDirectory}. */
    public static String call(Path dataDirectory, String method, String path) {
        Path state = stateFile(dataDirectory);
        String noCluster = "no cluster is running from " + dataDirectory + " (start one with ./dinhdanh up --nodes 2)";
        if (!Files.isRegularFile(state)) {
            throw new SandboxException(noCluster);
        }
        try {
            JsonNode written = JSON.readTree(Files.readString(state));
            HttpRequest request = HttpRequest.newBuilder(URI.create(written.path("control").asText() + path))
                    .header("Authorization", "Bearer " + written.path("token").asText())
                    .method(method, HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofMinutes(5)).build();
            HttpResponse<String> response = LocalHttp.client().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                JsonNode error = JSON.readTree(response.body());
                throw new SandboxException(error.path("message").asText(error.path("error").asText("HTTP " + response.statusCode())));
            }
            return response.body();
        } catch (ConnectException e) {
            throw new SandboxException(noCluster);
        } catch (IOException e) {
            throw new SandboxException("cannot reach the cluster's control server: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted", e);
        }
    }

    @Override
    public void close() throws IOException {
        server.stop(0);
        Files.deleteIfExists(stateFile);
    }
}
