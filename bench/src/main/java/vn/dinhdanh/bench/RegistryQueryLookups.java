package vn.dinhdanh.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        AtomicInteger notFound = new AtomicInteger();
        List<Connection> connections = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                connections.add(DriverManager.getConnection(registry.jdbcUrl(), registry.username(), registry.password()));
            }
            LatencySummary latency = LatencySummary.measure(usernames.size(), threads, thread -> {
                RegistryClient client = new RegistryClient(ConnectionSource.lending(connections.get(thread)));
                return i -> {
                    if (client.find(parse(usernames.get(i))).isEmpty()) {
                        notFound.incrementAndGet();
                    }
                };
            });
            Map<String, Object> outcome = new LinkedHashMap<>(latency.toMap());
            outcome.put("notFound", notFound.get());
            outcome.put("failed", 0);
            return outcome;
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
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
