package vn.dinhdanh.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import vn.dinhdanh.population.idnumber.InvalidIdNumberException;
import vn.dinhdanh.population.idnumber.PersonalIdNumber;
import vn.dinhdanh.population.registry.CitizenRecord;
import vn.dinhdanh.population.registry.ConnectionSource;
import vn.dinhdanh.population.registry.RegistryClient;

/** A random, repeatable sample of registry citizens, read with the same query the provider uses. */
final class CitizenSample {

    private CitizenSample() {
    }

    static long countCitizens(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM citizen")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** {@code size} distinct citizens spread over the whole table, in an order shuffled by {@code seed}. */
    static List<CitizenRecord> draw(Connection connection, long population, int size, long seed) throws SQLException {
        // Bernoulli sampling reads every page once: spread over the table, repeatable for a seed.
        double percent = Math.min(100.0, 100.0 * size * 1.2 / population);
        List<String> numbers = new ArrayList<>(size);
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id_number FROM citizen TABLESAMPLE BERNOULLI (?) REPEATABLE (?) LIMIT ?")) {
            query.setDouble(1, percent);
            query.setDouble(2, seed);
            query.setInt(3, size);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    numbers.add(rows.getString(1));
                }
            }
        }
        if (numbers.size() < size) {
            throw new IllegalStateException("sampled only " + numbers.size() + " of " + size + " citizens");
        }
        Collections.shuffle(numbers, new Random(seed));
        RegistryClient registry = new RegistryClient(ConnectionSource.lending(connection));
        List<CitizenRecord> records = new ArrayList<>(size);
        for (String number : numbers) {
            try {
                records.add(registry.find(PersonalIdNumber.parse(number)).orElseThrow());
            } catch (InvalidIdNumberException e) {
                throw new IllegalStateException("the registry holds a malformed ID number", e);
            }
        }
        return records;
    }
}
