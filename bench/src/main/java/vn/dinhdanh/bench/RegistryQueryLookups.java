package vn.dinhdanh.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import vn.dinhdanh.bench.probe.LatencySummary;
import vn.dinhdanh.population.idnumber.InvalidIdNumberException;
import vn.dinhdanh.population.idnumber.PersonalIdNumber;
import vn.dinhdanh.population.registry.ConnectionSource;
import vn.dinhdanh.population.registry.RegistryClient;
import vn.dinhdanh.sandbox.postgres.Database;

/**
 * The provider's registry read alone: {@link RegistryClient#find} (the query the provider runs, on
 * one connection per thread, as the pool lends them) without Keycloak around it — the floor under
 * the provider's numbers, measured in the same run.
 */
final class RegistryQueryLookups {

    private RegistryQueryLookups() {
    }

    static Map<String, Object> run(Database registry, List<String> usernames, int threads) throws Exception {
        long[] latencies = new long[usernames.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger notFound = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Connection> connections = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                connections.add(DriverManager.getConnection(registry.jdbcUrl(), registry.username(), registry.password()));
            }
            long started = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (Connection connection : connections) {
                RegistryClient client = new RegistryClient(ConnectionSource.lending(connection));
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < latencies.length; i = next.getAndIncrement()) {
                        long begin = System.nanoTime();
                        if (client.find(parse(usernames.get(i))).isEmpty()) {
                            notFound.incrementAndGet();
                        }
                        latencies[i] = System.nanoTime() - begin;
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            long wall = System.nanoTime() - started;
            for (Connection connection : connections) {
                connection.close();
            }
            Map<String, Object> outcome = new LinkedHashMap<>(LatencySummary.of(latencies, wall).toMap());
            outcome.put("notFound", notFound.get());
            outcome.put("failed", 0);
            return outcome;
        } finally {
            pool.shutdownNow();
        }
    }

    private static PersonalIdNumber parse(String number) {
        try {
            return PersonalIdNumber.parse(number);
        } catch (InvalidIdNumberException e) {
            throw new IllegalArgumentException("not an ID number", e);
        }
    }
}
