package vn.dinhdanh.sandbox.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * How often PostgreSQL has read a table: its own counters of index and sequential scans ({@code pg_stat_user_tables}),
 * for counting the reads a login makes. A backend reports its counts at the end of a transaction at most every
 * 500 ms, and an idle pooled connection may hold them until it is next used: count over many logins, and wait
 * {@link #SETTLE_MILLIS} before a count that must include the last of them.
 */
public final class TableScans {

    /** Long enough for PostgreSQL's backends to have reported what they did before it. */
    public static final long SETTLE_MILLIS = 1500;

    private static final String SCANS = "SELECT coalesce(sum(coalesce(idx_scan, 0) + coalesce(seq_scan, 0)), 0)"
            + " FROM pg_stat_user_tables WHERE relname = ?";

    private TableScans() {
    }

    /** Scans of {@code table} in {@code database} so far. */
    public static long count(Database database, String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
             PreparedStatement statement = connection.prepareStatement(SCANS)) {
            statement.setString(1, table);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
