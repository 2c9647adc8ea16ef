package vn.dinhdanh.bench.app;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import vn.dinhdanh.sandbox.postgres.Database;

/**
 * How often the registry's {@code citizen} table was read: PostgreSQL's own counters (index and sequential scans,
 * {@code pg_stat_user_tables}) in the registry database. Every lookup of a citizen by number is one index scan of it
 * (the change feed reads {@code citizen_change}, not this table), so the difference over a phase divided by its
 * logins is the registry reads per login. PostgreSQL reports a backend's counts up to half a second late:
 * {@link #countSettled()} waits for them.
 */
final class RegistryReads {

    private static final String SCANS = "SELECT coalesce(sum(coalesce(idx_scan, 0) + coalesce(seq_scan, 0)), 0)"
            + " FROM pg_stat_user_tables WHERE relname = 'citizen'";

    private final Database registry;

    RegistryReads(Database registry) {
        this.registry = registry;
    }

    long count() {
        try (Connection connection = DriverManager.getConnection(registry.jdbcUrl(), registry.username(), registry.password());
             Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(SCANS)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    /** The count once the server's connections have reported theirs (PostgreSQL sends them at most every 500 ms). */
    long countSettled() throws InterruptedException {
        Thread.sleep(1500);
        return count();
    }
}
