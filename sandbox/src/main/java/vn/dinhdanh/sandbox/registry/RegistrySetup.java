package vn.dinhdanh.sandbox.registry;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import vn.dinhdanh.sandbox.SandboxException;
import vn.dinhdanh.sandbox.postgres.Database;

/** Brings a sandbox registry to life: schema, read-only role, and a first population if empty. */
public final class RegistrySetup {

    /** How many citizens {@code ./dinhdanh up} puts into an empty registry. */
    public static final int FIRST_POPULATION = 100_000;

    private RegistrySetup() {
    }

    /** Returns the read-only connection settings dinhdanh uses. */
    public static Database prepare(Database owner, String readerPassword, int seedIfEmpty, Consumer<String> progress) {
        RegistryDatabase.migrate(owner);
        Database reader = RegistryDatabase.reader(owner, readerPassword);
        try (Connection connection = RegistryDatabase.connect(owner)) {
            if (seedIfEmpty > 0 && isEmpty(connection)) {
                progress.accept("generating " + seedIfEmpty + " synthetic citizens (seed " + PopulationGenerator.DEFAULT_SEED + ")");
                PopulationGenerator.Result result = new PopulationGenerator(PopulationGenerator.DEFAULT_SEED)
                        .generate(connection, seedIfEmpty, done -> { });
                progress.accept(String.format(java.util.Locale.ROOT, "registry: %d citizens, %d cards in %.1f s",
                        result.citizens(), result.cards(), result.took().toMillis() / 1000.0));
            }
        } catch (SQLException e) {
            throw new SandboxException("cannot fill the registry: " + e.getMessage(), e);
        }
        return reader;
    }

    private static boolean isEmpty(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM citizen)")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }
}
