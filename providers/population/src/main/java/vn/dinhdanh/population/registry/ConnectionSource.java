package vn.dinhdanh.population.registry;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Lends a connection to the registry for one unit of work; the source takes it back afterwards (the
 * work never closes it). Inside Keycloak it comes from the named datasource's pool, outside the
 * request's transaction; in the sandbox and tests from a plain {@link DataSource}.
 */
public interface ConnectionSource {

    /** One unit of work on a lent connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    <T> T withConnection(Work<T> work) throws SQLException;

    static ConnectionSource of(DataSource dataSource) {
        return new ConnectionSource() {
            @Override
            public <T> T withConnection(Work<T> work) throws SQLException {
                try (Connection connection = dataSource.getConnection()) {
                    return work.run(connection);
                }
            }
        };
    }

    /** Always the caller's own {@code connection}, left open (one thread's connection in tools and benchmarks). */
    static ConnectionSource lending(Connection connection) {
        return new ConnectionSource() {
            @Override
            public <T> T withConnection(Work<T> work) throws SQLException {
                return work.run(connection);
            }
        };
    }
}
