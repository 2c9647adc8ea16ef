package vn.dinhdanh.app.push.mobile;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A loopback HTTP server standing in for FCM, Google's token endpoint and APNs: records requests, answers as told. */
final class FakePushService implements AutoCloseable {

    record Request(String method, String path, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, Deque<Answer>> onceAnswers = new ConcurrentHashMap<>();

    FakePushService() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers requests whose path starts with {@code prefix} (default: 200 {}). */
    FakePushService answer(String prefix, int status, String body) {
        answers.put(prefix, new Answer(status, body));
        return this;
    }

    /** Answers the next request under {@code prefix} so, then as before. */
    FakePushService answerOnce(String prefix, int status, String body) {
        onceAnswers.computeIfAbsent(prefix, p -> new ArrayDeque<>()).add(new Answer(status, body));
        return this;
    }

    /** The next request, waiting up to 10 s for it. */
    Request next() throws InterruptedException {
        Request request = requests.poll(10, TimeUnit.SECONDS);
        assertThat(request).as("a request arrived").isNotNull();
        return request;
    }

    /** The requests received so far, in order, taking them. */
    List<Request> taken() {
        List<Request> all = new ArrayList<>();
        requests.drainTo(all);
        return all;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(new Request(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        Answer answer = onceAnswers.entrySet().stream().filter(e -> path.startsWith(e.getKey()))
                .map(e -> e.getValue().poll()).filter(a -> a != null).findFirst()
                .orElseGet(() -> answers.entrySet().stream().filter(e -> path.startsWith(e.getKey())).map(Map.Entry::getValue)
                        .findFirst().orElse(new Answer(200, "{}")));
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
