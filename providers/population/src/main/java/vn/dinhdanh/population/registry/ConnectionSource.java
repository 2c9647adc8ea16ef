package vn.dinhdanh.population.registry;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Lends a connection to the registry for one unit of work. Inside Keycloak the connection belongs
 * to the request's transaction and must not be closed; outside (sandbox, tests) it comes from a
 * plain {@link DataSource} and is closed after the work.
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
}
