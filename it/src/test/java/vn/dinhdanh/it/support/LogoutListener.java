package vn.dinhdanh.it.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A relying party's back-channel logout endpoint on loopback: every form POST that arrives is kept, with the
 * time it arrived; the endpoint can go down (nothing listens: connection refused) and come up again on the
 * same port, as a relying party being redeployed does.
 */
public final class LogoutListener implements AutoCloseable {

    /** A form POST that arrived, at {@code nanoTime}. */
    public record Arrival(String path, Map<String, String> parameters, long nanoTime) {
    }

    private final int port;
    private final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
    private HttpServer server;

    public LogoutListener(int port) {
        this.port = port;
        up();
    }

    public synchronized void up() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            arrivals.add(new Arrival(exchange.getRequestURI().getPath(), LoopbackReceiver.parse(body), System.nanoTime()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    public synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    public int port() {
        return port;
    }

    /** The next arrival within {@code timeout}, or null. */
    public Arrival next(Duration timeout) {
        try {
            return arrivals.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next arrival within {@code timeout}; fails the test when none comes. */
    public Arrival await(Duration timeout, String what) {
        Arrival arrival = next(timeout);
        if (arrival == null) {
            throw new AssertionError("no " + what + " reached the relying party within " + timeout);
        }
        return arrival;
    }

    @Override
    public void close() {
        down();
    }
}
