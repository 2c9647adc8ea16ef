package vn.dinhdanh.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import vn.dinhdanh.sandbox.postgres.Database;
import vn.dinhdanh.tracker.chain.ChainKey;
import vn.dinhdanh.tracker.chain.JdbcChain;
import vn.dinhdanh.tracker.chain.Verification;
import vn.dinhdanh.tracker.chain.Witness;

/**
 * The data tracker's two tables in the server's PostgreSQL, as its owner (a database administrator) sees them:
 * rows of a citizen, the Keycloak-free verifier, and what tampering tests need to take a state and put it back.
 */
public final class TrackerTables {

    static final String COLUMNS = "seq, released_at, realm_id, client_id, subject, channel, items, loa, acr, method, prev_hash, row_hash";

    private final ServerUnderTest server;

    public TrackerTables(ServerUnderTest server) {
        this.server = server;
    }

    public record Row(long seq, String client, String channel, Set<String> items, String loa, String acr, String method) {
    }

    /** The head row as stored: what a database administrator can copy and put back. */
    public record Head(long seq, String rowHash, String headMac, String keyCheck) {
    }

    /** Rows after {@code after} and the head, saved. */
    public record Snapshot(long after, List<Object[]> rows, Head head) {
    }

    public List<Row> rowsOf(String subject) {
        List<Row> rows = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement(
                "SELECT seq, client_id, channel, items, loa, acr, method FROM dd_data_release WHERE subject = ? ORDER BY seq")) {
            q.setString(1, subject);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), new TreeSet<>(List.of(rs.getString(4).split(","))),
                            rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    public Verification verify() {
        return verify(List.of());
    }

    public Verification verify(List<Witness> witnesses) {
        try (Connection c = connect()) {
            return JdbcChain.verify(c, ChainKey.of(server.trackerKey()), witnesses);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Head head() {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT seq, row_hash, head_mac, key_check FROM dd_data_release_head")) {
            assertThat(rs.next()).isTrue();
            return new Head(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void setHead(Head head) {
        try (Connection c = connect(); PreparedStatement update = c.prepareStatement(
                "UPDATE dd_data_release_head SET seq = ?, row_hash = ?, head_mac = ?, key_check = ?")) {
            update.setLong(1, head.seq());
            update.setString(2, head.rowHash());
            update.setString(3, head.headMac());
            update.setString(4, head.keyCheck());
            assertThat(update.executeUpdate()).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows after {@code after} and the head, to put back with {@link #restore}. */
    public Snapshot snapshotAfter(long after) {
        List<Object[]> rows = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM dd_data_release WHERE seq > ? ORDER BY seq")) {
            q.setLong(1, after);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    Object[] row = new Object[12];
                    for (int i = 0; i < 12; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    rows.add(row);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Snapshot(after, rows, head());
    }

    /** Every row after the snapshot's point replaced by the saved ones, and the saved head back. */
    public void restore(Snapshot snapshot) {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM dd_data_release WHERE seq > ?");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO dd_data_release (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement head = c.prepareStatement("UPDATE dd_data_release_head SET seq = ?, row_hash = ?, head_mac = ?, key_check = ?")) {
                delete.setLong(1, snapshot.after());
                delete.executeUpdate();
                for (Object[] row : snapshot.rows()) {
                    for (int i = 0; i < 12; i++) {
                        insert.setObject(i + 1, row[i]);
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
                head.setLong(1, snapshot.head().seq());
                head.setString(2, snapshot.head().rowHash());
                head.setString(3, snapshot.head().headMac());
                head.setString(4, snapshot.head().keyCheck());
                head.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Connection connect() throws SQLException {
        Database db = server.keycloakDatabase();
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }

    public void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public String scalar(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
