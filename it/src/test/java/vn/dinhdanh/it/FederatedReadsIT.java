package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.Passwords;
import vn.dinhdanh.it.support.PublicPortal;
import vn.dinhdanh.it.support.Registry;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.sandbox.LocalHttp;
import vn.dinhdanh.sandbox.postgres.Database;

/**
 * Keycloak asks for a citizen's attributes in its federated storage (e-mail, locale, enabled, the tokens' "not
 * before") several times in one request, each a query; the realm's federated storage reads them once per request.
 * Counted by PostgreSQL itself: the scans of {@code fed_user_attribute} over a number of token requests. PostgreSQL reports a connection's counts up to
 * half a second late, and an idle pooled connection may keep them until it is used again, so a few of the counts
 * before or after the window can land in it: many requests, and a bound well under two per request.
 */
@ExtendWith(DinhdanhServerExtension.class)
class FederatedReadsIT {

    private static final String CLIENT = "federated-reads-probe";
    private static final int GRANTS = 20;
    private static final String SCANS = "SELECT coalesce(sum(coalesce(idx_scan, 0) + coalesce(seq_scan, 0)), 0)"
            + " FROM pg_stat_user_tables WHERE relname = ?";

    private final HttpClient http = LocalHttp.builder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @DisplayName("a citizen's password grant reads their federated attributes once, however often Keycloak asks")
    void attributesReadOncePerRequest(ServerUnderTest server) throws Exception {
        server.admin().post("/admin/realms/dinhdanh/clients", new ObjectMapper().createObjectNode().put("clientId", CLIENT)
                .put("publicClient", true).put("directAccessGrantsEnabled", true).put("standardFlowEnabled", false), Duration.ofSeconds(30));
        String number = new Registry(server).pick(Registry.ALIVE);
        String form = PublicPortal.form(Map.of("grant_type", "password", "client_id", CLIENT, "username", number,
                "password", Passwords.give(server, number), "scope", "openid"));
        grant(server, form); // the realm's and client's first reads are not the citizen's

        Database db = server.keycloakDatabase();
        Thread.sleep(1500);
        long attributesBefore = scans(db, "fed_user_attribute");
        for (int i = 0; i < GRANTS; i++) {
            grant(server, form);
        }
        Thread.sleep(1500);
        long attributes = scans(db, "fed_user_attribute") - attributesBefore;

        assertThat(attributes).as("scans of fed_user_attribute in %d token requests", GRANTS).isBetween(GRANTS / 2L, GRANTS * 3L / 2);
    }

    private void grant(ServerUnderTest server, String form) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.realmUrl() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static long scans(Database db, String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             PreparedStatement statement = connection.prepareStatement(SCANS)) {
            statement.setString(1, table);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
