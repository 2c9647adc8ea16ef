package vn.dinhdanh.sandbox.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import vn.dinhdanh.sandbox.SandboxException;

/** Connects once, quickly, so that a wrong URL or a down server is reported before Keycloak starts. */
public final class DatabaseProbe {

    private static final int TIMEOUT_SECONDS = 5;

    private DatabaseProbe() {
    }

    public static void requireReachable(Database database) {
        if (!database.jdbcUrl().startsWith("jdbc:postgresql://")) {
            throw new SandboxException("--db-url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
        }
        Properties properties = new Properties();
        properties.setProperty("user", database.username());
        if (database.password() != null) {
            properties.setProperty("password", database.password());
        }
        properties.setProperty("connectTimeout", String.valueOf(TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", String.valueOf(TIMEOUT_SECONDS));
        properties.setProperty("socketTimeout", String.valueOf(TIMEOUT_SECONDS));
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), properties)) {
            connection.isValid(TIMEOUT_SECONDS);
        } catch (SQLException e) {
            // The driver's message names host, port and user, never the password.
            throw new SandboxException("cannot reach PostgreSQL at " + database.jdbcUrl() + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
