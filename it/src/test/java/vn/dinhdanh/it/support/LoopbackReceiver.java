package vn.dinhdanh.it.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Plays a relying party's endpoint (OIDC redirect URI, SAML assertion consumer service) on
 * loopback: the browser really lands there, and the test gets what it brought.
 */
public final class LoopbackReceiver implements AutoCloseable {

    /** What arrived: the method and the parameters of the query string and of a form body. */
    public record Arrival(String method, String path, Map<String, String> parameters) {
    }

    private final HttpServer server;
    private final CompletableFuture<Arrival> arrival = new CompletableFuture<>();

    public LoopbackReceiver(int port) {
        this(port, null);
    }

    /** With {@code tls}, an https endpoint (e.g. {@link SelfSignedTls#context()}), as a FAPI client's redirect URI must be. */
    public LoopbackReceiver(int port, javax.net.ssl.SSLContext tls) {
        try {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
            if (tls == null) {
                server = HttpServer.create(address, 0);
            } else {
                com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(address, 0);
                https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
                server = https;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            if ("/favicon.ico".equals(exchange.getRequestURI().getPath())) {
                // The browser's own request after showing an earlier page of this port: not the relying party's arrival.
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            Map<String, String> parameters = new LinkedHashMap<>(parse(exchange.getRequestURI().getRawQuery()));
            parameters.putAll(parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII)));
            arrival.complete(new Arrival(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), parameters));
            byte[] page = "<!doctype html><title>relying party</title><p id=received>received</p>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        server.start();
    }

    public Arrival await(Duration timeout) {
        try {
            return arrival.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the browser never reached the relying party within " + timeout, e);
        }
    }

    static Map<String, String> parse(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
