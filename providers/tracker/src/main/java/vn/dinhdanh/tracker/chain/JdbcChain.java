package vn.dinhdanh.tracker.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The chain as plain JDBC reads it (no Keycloak, no JPA): what {@code ./dinhdanh audit verify} and the production
 * command {@code java -cp dinhdanh-tracker.jar:postgresql.jar vn.dinhdanh.tracker.chain.VerifyCommand} use.
 * Table and column names are those of the Liquibase changelog ({@code META-INF/dinhdanh-tracker-changelog.xml}).
 */
public final class JdbcChain {

    public static final String ROWS = "dd_data_release";
    public static final String HEAD = "dd_data_release_head";
    public static final String HEAD_ID = "chain";
    private static final String COLUMNS = "seq, released_at, realm_id, client_id, subject, channel, items, loa, acr, method, prev_hash, row_hash";
    /** Rows fetched per round trip: the walk streams, whatever the table's size. */
    private static final int FETCH_SIZE = 1000;

    private JdbcChain() {
    }

    public static Verification verify(Connection connection, ChainKey key, long anchorSeq, String anchorHash) throws SQLException {
        return verify(connection, key, anchorSeq > 0 ? List.of(Witness.anchor(anchorSeq, anchorHash)) : List.of());
    }

    /** The walk in one repeatable-read snapshot, checking that the chain still holds each witness. */
    public static Verification verify(Connection connection, ChainKey key, List<Witness> witnesses) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        // PostgreSQL streams a result set only inside a transaction; one snapshot for head and rows, too.
        connection.setAutoCommit(false);
        try {
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            return walk(connection, key, witnesses);
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    /** The walk on a connection whose transaction the caller manages (the server's, inside Keycloak's JTA transaction). */
    public static Verification walk(Connection connection, ChainKey key, List<Witness> witnesses) throws SQLException {
        ChainHead head = head(connection);
        try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + ROWS + " ORDER BY seq")) {
            query.setFetchSize(FETCH_SIZE);
            try (ResultSet rows = query.executeQuery()) {
                return new ChainVerifier(key).verify(head, iterate(rows), witnesses);
            }
        }
    }

    public static ChainHead head(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT seq, row_hash, head_mac, key_check FROM " + HEAD + " WHERE id = ?")) {
            query.setString(1, HEAD_ID);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? new ChainHead(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)) : null;
            }
        }
    }

    private static Iterator<ReleaseRow> iterate(ResultSet rs) {
        return new Iterator<>() {
            private Boolean ready;

            @Override
            public boolean hasNext() {
                if (ready == null) {
                    try {
                        ready = rs.next();
                    } catch (SQLException e) {
                        throw new IllegalStateException("cannot read the data tracker table: " + e.getMessage(), e);
                    }
                }
                return ready;
            }

            @Override
            public ReleaseRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ready = null;
                try {
                    return new ReleaseRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), ReleaseRow.itemsFromColumn(rs.getString(7)), rs.getString(8), rs.getString(9),
                            rs.getString(10), rs.getString(11), rs.getString(12));
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot read the data tracker table: " + e.getMessage(), e);
                }
            }
        };
    }
}
