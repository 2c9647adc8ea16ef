package vn.dinhdanh.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import vn.dinhdanh.sandbox.postgres.Database;

/** The tests' hand on the sandbox registry: pick citizens by condition, change records as the operator would. */
public final class Registry {

    /** A citizen who may log in: alive, not blocked, no card or an active newest card. */
    public static final String ALIVE = "c.life_status = 'alive' AND NOT c.blocked AND (k.status IS NULL OR k.status = 'active')";

    private final Database owner;

    public Registry(ServerUnderTest server) {
        this.owner = server.registryOwner();
    }

    /**
     * The ID number of a citizen matching {@code condition} (SQL over {@code c} = citizen and
     * {@code k} = newest card) that no other test has taken yet.
     */
    public String pick(String condition) {
        String sql = "SELECT c.id_number FROM citizen c LEFT JOIN LATERAL (SELECT status, expiry_date FROM card WHERE card.id_number = c.id_number"
                + " ORDER BY issue_date DESC LIMIT 1) k ON true WHERE " + condition
                + " AND c.id_number NOT IN (SELECT id_number FROM it_taken) ORDER BY c.id_number LIMIT 1";
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS it_taken (id_number char(12) PRIMARY KEY)");
            try (ResultSet rows = statement.executeQuery(sql)) {
                if (!rows.next()) {
                    throw new AssertionError("no citizen in the registry where " + condition);
                }
                String number = rows.getString(1);
                try (PreparedStatement take = connection.prepareStatement("INSERT INTO it_taken VALUES (?)")) {
                    take.setString(1, number);
                    take.execute();
                }
                return number;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs statements as the registry operator, in one transaction (the change feed sees all of them or none);
     * {@code ?} is bound to {@code idNumber}.
     */
    public void update(String idNumber, String... statements) {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            for (String sql : statements) {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    if (sql.contains("?")) {
                        statement.setString(1, idNumber);
                    }
                    statement.execute();
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public String text(String sql, String idNumber) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, idNumber);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(owner.jdbcUrl(), owner.username(), owner.password());
    }
}
