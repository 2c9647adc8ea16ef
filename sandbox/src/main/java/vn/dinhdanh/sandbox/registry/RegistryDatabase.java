package vn.dinhdanh.sandbox.registry;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import vn.dinhdanh.sandbox.SandboxException;
import vn.dinhdanh.sandbox.postgres.Database;

/**
 * The sandbox's stand-in for the national population database: its schema (Flyway migrations
 * shipped in the population provider jar) and the read-only role dinhdanh connects with.
 */
public final class RegistryDatabase {

    public static final String NAME = "registry";
    public static final String READER = "dinhdanh_reader";

    private RegistryDatabase() {
    }

    /** Brings the schema up to date; the owner connection creates, dinhdanh only ever reads. */
    public static void migrate(Database owner) {
        try {
            Flyway.configure()
                    .loggers("slf4j") // quiet below WARN, like the rest of the sandbox
                    .dataSource(owner.jdbcUrl(), owner.username(), owner.password())
                    .locations("classpath:db/registry")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new SandboxException("cannot migrate the registry database: " + e.getMessage(), e);
        }
    }

    /** Creates (or updates) the login role dinhdanh uses: SELECT on the registry, nothing else. */
    public static Database reader(Database owner, String password) {
        try (Connection connection = connect(owner); Statement statement = connection.createStatement()) {
            statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + READER + "') THEN "
                    + "CREATE ROLE " + READER + " LOGIN; END IF; END $$");
            statement.execute("ALTER ROLE " + READER + " PASSWORD " + quote(password));
            statement.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
            statement.execute("GRANT USAGE ON SCHEMA public TO " + READER);
            statement.execute("GRANT SELECT ON citizen, card, citizen_change TO " + READER);
        } catch (SQLException e) {
            throw new SandboxException("cannot set up the read-only registry role: " + e.getMessage(), e);
        }
        return new Database(owner.jdbcUrl(), READER, password);
    }

    public static Connection connect(Database database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }

    private static String quote(String literal) {
        return "'" + literal.replace("'", "''") + "'";
    }
}
