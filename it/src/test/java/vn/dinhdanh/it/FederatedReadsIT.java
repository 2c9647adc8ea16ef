package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import vn.dinhdanh.sandbox.postgres.TableScans;

/**
 * Keycloak asks for a citizen's attributes in its federated storage (e-mail, locale, enabled, the tokens' "not
 * before") several times in one request, each a query; the realm's federated storage reads them once per request.
 * Counted by PostgreSQL itself ({@link TableScans}): the scans of {@code fed_user_attribute} over a number of token
 * requests. A few counts before or after the window can land in it: many requests, and a bound well under two per
 * request.
 */
@ExtendWith(DinhdanhServerExtension.class)
class FederatedReadsIT {

    private static final String CLIENT = "federated-reads-probe";
    private static final int GRANTS = 20;

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
        Thread.sleep(TableScans.SETTLE_MILLIS);
        long attributesBefore = TableScans.count(db, "fed_user_attribute");
        for (int i = 0; i < GRANTS; i++) {
            grant(server, form);
        }
        Thread.sleep(TableScans.SETTLE_MILLIS);
        long attributes = TableScans.count(db, "fed_user_attribute") - attributesBefore;

        assertThat(attributes).as("scans of fed_user_attribute in %d token requests", GRANTS).isBetween(GRANTS / 2L, GRANTS * 3L / 2);
    }

    private void grant(ServerUnderTest server, String form) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.realmUrl() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
