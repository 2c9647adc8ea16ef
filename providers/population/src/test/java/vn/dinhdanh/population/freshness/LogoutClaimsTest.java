package vn.dinhdanh.population.freshness;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The outbox's claim, as PostgreSQL runs it (the same SQL {@link LogoutNotices} gives Keycloak's JPA, its {@code ?n}
 * parameters bound in order): which notice a node may take, and which it must leave to the others.
 */
@DisplayName("A node claims a logout notice")
class LogoutClaimsTest {

    private static final long NOW = 1_000_000;
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void table() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS DD_LOGOUT_NOTICE");
            // The schema dinhdanh-freshness-changelog.xml leaves.
            statement.execute("CREATE TABLE DD_LOGOUT_NOTICE (ID VARCHAR(36) PRIMARY KEY, REALM_ID VARCHAR(36) NOT NULL,"
                    + " CLIENT_ID VARCHAR(36) NOT NULL, PAYLOAD TEXT NOT NULL, ATTEMPTS INT NOT NULL, FIRST_AT BIGINT NOT NULL,"
                    + " NEXT_AT BIGINT NOT NULL, PROTOCOL VARCHAR(32) NOT NULL DEFAULT 'openid-connect', BASE_URI VARCHAR(255),"
                    + " LEASE_HOLDER VARCHAR(255), LEASE_UNTIL BIGINT)");
        }
    }

    private static void notice(String id, String client, long nextAt, String holder, Long leaseUntil) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO DD_LOGOUT_NOTICE (ID, REALM_ID, CLIENT_ID,"
                     + " PAYLOAD, ATTEMPTS, FIRST_AT, NEXT_AT, LEASE_HOLDER, LEASE_UNTIL) VALUES (?, 'realm', ?, '{}', 0, 0, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, client);
            insert.setLong(3, nextAt);
            insert.setString(4, holder);
            insert.setObject(5, leaseUntil);
            insert.execute();
        }
    }

    /** One claim by {@code holder} in its own transaction, committed (what {@link LogoutNotices#claim} does). */
    private static Optional<String> claim(Connection connection, String holder) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement select = connection.prepareStatement(LogoutNotices.CLAIM.replace("?1", "?"))) {
            select.setLong(1, NOW);
            select.setLong(2, NOW);
            select.setLong(3, NOW);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    connection.commit();
                    return Optional.empty();
                }
                String id = rows.getString(1);
                try (PreparedStatement lease = connection.prepareStatement(LogoutNotices.LEASE.replaceAll("\\?[0-9]", "?"))) {
                    lease.setString(1, holder);
                    lease.setLong(2, NOW + LogoutNotices.LEASE_MILLIS);
                    lease.setString(3, id);
                    lease.execute();
                }
                connection.commit();
                return Optional.of(id);
            }
        }
    }

    private static Optional<String> claim(String holder) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            return claim(connection, holder);
        }
    }

    @Test
    @DisplayName("the most overdue first; not one that is not due yet")
    void overdueFirst() throws SQLException {
        notice("later", "bank", NOW - 10, null, null);
        notice("first", "bank", NOW - 500, null, null);
        notice("future", "portal", NOW + 1_000, null, null);
        assertThat(claim("node-a")).contains("first");
        assertThat(claim("node-a")).contains("later");
        assertThat(claim("node-a")).isEmpty();
    }

    @Test
    @DisplayName("not one another node holds under a live lease; one whose lease ran out (its node died), yes")
    void leases() throws SQLException {
        notice("held", "bank", NOW - 500, "node-b", NOW + 5_000);
        notice("orphaned", "portal", NOW - 400, "node-b", NOW - 1);
        assertThat(claim("node-a")).contains("orphaned");
        assertThat(claim("node-a")).isEmpty();
    }

    @Test
    @DisplayName("at most four in flight to one relying party: a fifth waits, another relying party's notice does not")
    void perRelyingParty() throws SQLException {
        for (int i = 0; i < 6; i++) {
            notice("stalled-" + i, "stalled-bank", NOW - 1_000 + i, null, null);
        }
        notice("healthy", "portal", NOW - 10, null, null);
        for (int i = 0; i < LogoutNotices.PER_CLIENT; i++) {
            assertThat(claim("node-a")).contains("stalled-" + i);
        }
        assertThat(claim("node-b")).as("the stalled bank has four in flight").contains("healthy");
        assertThat(claim("node-b")).isEmpty();
    }

    @Test
    @DisplayName("not one another node is claiming at this moment (its row is locked): it is skipped, not waited for")
    void skipsLocked() throws SQLException {
        notice("being-claimed", "bank", NOW - 500, null, null);
        notice("next", "portal", NOW - 400, null, null);
        try (Connection other = postgres.getPostgresDatabase().getConnection()) {
            other.setAutoCommit(false);
            try (Statement lock = other.createStatement()) {
                lock.executeQuery("SELECT ID FROM DD_LOGOUT_NOTICE WHERE ID = 'being-claimed' FOR UPDATE").close();
                assertThat(claim("node-a")).contains("next");
            } finally {
                other.rollback();
            }
        }
        assertThat(claim("node-a")).contains("being-claimed");
    }
}
