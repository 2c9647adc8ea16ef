package vn.dinhdanh.population.registry;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** A real PostgreSQL with the registry migrations applied, for one test class. */
final class RegistryTestDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    RegistryTestDatabase() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        Flyway.configure().dataSource(dataSource()).locations("classpath:db/registry").load().migrate();
    }

    DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    void execute(String... statements) throws SQLException {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
