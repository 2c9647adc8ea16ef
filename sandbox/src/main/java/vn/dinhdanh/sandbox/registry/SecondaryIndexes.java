package vn.dinhdanh.sandbox.registry;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Drops the registry's secondary indexes and foreign keys for a bulk load and recreates them after,
 * from the definitions PostgreSQL itself reports: the migrations stay the only place that defines
 * them. Primary keys stay, so uniqueness is still checked row by row.
 */
final class SecondaryIndexes {

    private static final String TABLES = "('citizen'::regclass, 'card'::regclass)";

    private SecondaryIndexes() {
    }

    /** Drops them; returns the statements that recreate them, foreign keys last. */
    static List<String> drop(Connection connection) throws SQLException {
        List<String> drops = new ArrayList<>();
        List<String> indexes = new ArrayList<>();
        List<String> foreignKeys = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)"
                    + " FROM pg_constraint WHERE contype = 'f' AND conrelid IN " + TABLES)) {
                while (rows.next()) {
                    drops.add("ALTER TABLE " + rows.getString(1) + " DROP CONSTRAINT " + rows.getString(2));
                    foreignKeys.add("ALTER TABLE " + rows.getString(1) + " ADD CONSTRAINT " + rows.getString(2) + " " + rows.getString(3));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)"
                    + " FROM pg_index i WHERE i.indrelid IN " + TABLES + " AND NOT i.indisprimary")) {
                while (rows.next()) {
                    drops.add("DROP INDEX " + rows.getString(1));
                    indexes.add(rows.getString(2));
                }
            }
            for (String drop : drops) {
                statement.execute(drop);
            }
        }
        List<String> restore = new ArrayList<>(indexes);
        restore.addAll(foreignKeys);
        return restore;
    }

    static void restore(Connection connection, List<String> statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL maintenance_work_mem = '1GB'");
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
