package vn.dinhdanh.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dinhdanh.sandbox.postgres.Database;
import vn.dinhdanh.sandbox.postgres.DatabaseProbe;
import vn.dinhdanh.sandbox.postgres.EmbeddedDatabase;

/** The embedded PostgreSQL keeps its data across restarts and is set up for Keycloak's XA datasources. */
class EmbeddedDatabaseTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("data survives a restart; prepared transactions are enabled")
    void keepsDataAcrossRestarts() throws Exception {
        Path data = temp.resolve("postgres");
        try (EmbeddedDatabase postgres = EmbeddedDatabase.start(data)) {
            Database keycloak = postgres.database("keycloak");
            DatabaseProbe.requireReachable(keycloak);
            try (Connection c = DriverManager.getConnection(keycloak.jdbcUrl(), keycloak.username(), keycloak.password());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v text)");
                s.execute("INSERT INTO kept VALUES ('still here')");
                try (ResultSet r = s.executeQuery("SHOW max_prepared_transactions")) {
                    r.next();
                    assertThat(r.getInt(1)).isGreaterThan(0);
                }
            }
        }
        try (EmbeddedDatabase postgres = EmbeddedDatabase.start(data)) {
            Database keycloak = postgres.database("keycloak"); // exists already: reused, not recreated
            try (Connection c = DriverManager.getConnection(keycloak.jdbcUrl(), keycloak.username(), keycloak.password());
                 Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT v FROM kept")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("still here");
            }
        }
    }

    @Test
    @DisplayName("the password never shows in toString")
    void passwordHidden() {
        assertThat(new Database("jdbc:postgresql://h/db", "u", "s3cret").toString()).doesNotContain("s3cret");
    }
}
