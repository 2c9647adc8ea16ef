package vn.dinhdanh.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import vn.dinhdanh.sandbox.LocalHttp;

/**
 * A load driver: {@code workers} threads logging citizens in through the load balancer, one after the other, until
 * stopped. A login is a password grant of a public test client (Keycloak's direct grant flow): the citizen read
 * from the registry, the password checked (argon2), a user session created in the cluster's caches, tokens issued.
 * Counts successes and failures by cause, and the seconds in which any login failed; never fails itself. After a
 * failure a worker waits 200 ms, as a client retrying would, so that the count does not grow with how fast a
 * refusal comes back.
 */
public final class LoginLoad implements AutoCloseable {

    private final ExecutorService pool;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong succeeded = new AtomicLong();
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private final java.util.Set<Long> failingSeconds = ConcurrentHashMap.newKeySet();
    private final List<java.util.concurrent.Future<?>> workers = new ArrayList<>();

    /** Starts {@code citizens.size()} workers, each logging its own citizen (ID number, password) in again and again. */
    public LoginLoad(URI realmUrl, String clientId, List<String[]> citizens) {
        pool = Executors.newFixedThreadPool(citizens.size());
        HttpClient http = LocalHttp.builder().connectTimeout(Duration.ofSeconds(5)).build();
        URI token = URI.create(realmUrl + "/protocol/openid-connect/token");
        for (String[] citizen : citizens) {
            String form = PublicPortal.form(Map.of("grant_type", "password", "client_id", clientId, "username", citizen[0],
                    "password", citizen[1], "scope", "openid"));
            workers.add(pool.submit(() -> {
                while (running.get()) {
                    login(http, token, form);
                }
            }));
        }
    }

    private void login(HttpClient http, URI token, String form) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(token)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && response.body().contains("\"access_token\"")) {
                succeeded.incrementAndGet();
            } else {
                failed("HTTP " + response.statusCode());
            }
        } catch (IOException e) {
            failed(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    private void failed(String cause) {
        failures.computeIfAbsent(cause, c -> new AtomicLong()).incrementAndGet();
        failingSeconds.add(System.currentTimeMillis() / 1000);
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    /** How many distinct seconds saw at least one failed login. */
    public int failingSeconds() {
        return failingSeconds.size();
    }

    public long succeeded() {
        return succeeded.get();
    }

    public long failed() {
        return failures.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Failures by cause ({@code HTTP 503}, {@code IOException}, ...). */
    public Map<String, Long> failuresByCause() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        failures.forEach((cause, count) -> copy.put(cause, count.get()));
        return copy;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);
    }
}
