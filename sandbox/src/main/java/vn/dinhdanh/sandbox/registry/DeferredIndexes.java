package vn.dinhdanh.sandbox.registry;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Drops the registry's indexes, primary keys and foreign keys for a bulk load and recreates them
 * after, from the definitions PostgreSQL itself reports: the migrations stay the only place that
 * defines them. Building an index once by sorting is much faster than inserting row by row, and
 * recreating a primary key or a unique index still checks every row, so nothing goes unchecked.
 */
final class DeferredIndexes {

    private static final String TABLES = "('citizen'::regclass, 'card'::regclass)";

    private DeferredIndexes() {
    }

    /** Drops them; returns the statements that recreate them: primary keys, indexes, foreign keys. */
    static List<String> drop(Connection connection) throws SQLException {
        List<String> dropForeignKeys = new ArrayList<>();
        List<String> dropOthers = new ArrayList<>();
        List<String> primaryKeys = new ArrayList<>();
        List<String> indexes = new ArrayList<>();
        List<String> foreignKeys = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), contype"
                    + " FROM pg_constraint WHERE contype IN ('f', 'p') AND conrelid IN " + TABLES)) {
                while (rows.next()) {
                    String drop = "ALTER TABLE " + rows.getString(1) + " DROP CONSTRAINT " + rows.getString(2);
                    String add = "ALTER TABLE " + rows.getString(1) + " ADD CONSTRAINT " + rows.getString(2) + " " + rows.getString(3);
                    if (rows.getString(4).equals("f")) {
                        dropForeignKeys.add(drop);
                        foreignKeys.add(add);
                    } else {
                        dropOthers.add(drop);
                        primaryKeys.add(add);
                    }
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)"
                    + " FROM pg_index i WHERE i.indrelid IN " + TABLES + " AND NOT i.indisprimary")) {
                while (rows.next()) {
                    dropOthers.add("DROP INDEX " + rows.getString(1));
                    indexes.add(rows.getString(2));
                }
            }
            // Foreign keys first: a primary key cannot go while a foreign key depends on it.
            for (String drop : dropForeignKeys) {
                statement.execute(drop);
            }
            for (String drop : dropOthers) {
                statement.execute(drop);
            }
        }
        List<String> restore = new ArrayList<>(primaryKeys);
        restore.addAll(indexes);
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
