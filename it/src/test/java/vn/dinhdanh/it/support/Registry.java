package vn.dinhdanh.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import vn.dinhdanh.sandbox.postgres.Database;

/** The tests' hand on the sandbox registry: pick citizens by condition, change records as the operator would. */
public final class Registry {

    /** A citizen who may log in: alive, not blocked, no card or an active newest card. */
    public static final String ALIVE = "c.life_status = 'alive' AND NOT c.blocked AND (k.status IS NULL OR k.status = 'active')";

    /** How long the change feed may take to reach Keycloak's side of a registry change. */
    private static final Duration FEED = Duration.ofSeconds(15);

    private final ServerUnderTest server;
    private final Database owner;

    public Registry(ServerUnderTest server) {
        this.server = server;
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

    /**
     * The citizen's newest card marked replaced and a new one (the same number, as cards have had since 2021, and the
     * same expiry) issued on {@code issued}, a day of Vietnam's calendar (not the database session's
     * {@code current_date}), in one transaction.
     */
    public void replaceCard(String idNumber, LocalDate issued) {
        update(idNumber,
                "UPDATE card SET status = 'replaced' WHERE id_number = ? AND status = 'active'",
                "INSERT INTO card (id_number, card_number, issue_date, expiry_date, status)"
                        + " SELECT id_number, card_number, DATE '" + issued + "', expiry_date, 'active' FROM card"
                        + " WHERE id_number = ? ORDER BY issue_date DESC LIMIT 1");
    }

    /** Waits until the change feed's position (Keycloak's database) has passed the registry's newest entry. */
    public void awaitFeedProcessed() throws InterruptedException {
        long last = count(owner, "SELECT coalesce(max(seq), 0) FROM citizen_change");
        long deadline = System.nanoTime() + FEED.toNanos();
        while (count(server.keycloakDatabase(), "SELECT coalesce(min(seq), 0) FROM dd_registry_feed") < last) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the change feed did not reach entry " + last + " within " + FEED);
            }
            Thread.sleep(200);
        }
    }

    private static long count(Database database, String sql) {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
             Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(owner.jdbcUrl(), owner.username(), owner.password());
    }
}
