package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.it.support.TrackedCitizen;
import vn.dinhdanh.it.support.TrackerChecks;
import vn.dinhdanh.sandbox.LocalHttp;

/** The operators' export ({@code /admin/realms/dinhdanh/data-releases}): by ID number or time range, and its refusals. */
@ExtendWith(DinhdanhServerExtension.class)
class DataTrackerExportIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpResponse<String> export(ServerUnderTest server, String query, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/admin/realms/dinhdanh/data-releases" + query));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return LocalHttp.client().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("an admin exports one citizen's releases by ID number (JSON, CSV); the export is an admin event without the number")
    void byIdNumber(ServerUnderTest server) throws Exception {
        TrackedCitizen citizen = TrackedCitizen.fresh(server);
        TrackedCitizen.Tokens tokens = citizen.codeFlow();
        citizen.userinfo(tokens);
        citizen.refreshed(tokens, 1);
        citizen.samlLogin();

        String admin = TrackerChecks.adminToken(server);
        HttpResponse<String> json = export(server, "?idNumber=" + citizen.number(), admin);
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(json.body());
        assertThat(body.path("count").asInt()).isEqualTo(citizen.rows().size());
        List<String> channels = new ArrayList<>();
        body.path("releases").forEach(r -> channels.add(r.path("channel").asText()));
        assertThat(channels).contains("token", "userinfo", "refresh", "saml_assertion");
        assertThat(body.path("releases").get(0).path("subject").asText()).isEqualTo(citizen.subject());

        HttpResponse<String> csv = export(server, "?idNumber=" + citizen.number() + "&format=csv", admin);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body().lines().toList()).first().isEqualTo("row,time,client,subject,channel,items,loa,acr,method,row_hash");
        assertThat(csv.body().lines().count()).isEqualTo(1 + citizen.rows().size());

        HttpResponse<String> range = export(server, "?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&max=2", admin);
        assertThat(JSON.readTree(range.body()).path("count").asInt()).isEqualTo(2);

        List<JsonNode> exports = new ArrayList<>();
        server.admin().get("/admin/realms/dinhdanh/admin-events?max=500").forEach(e -> {
            if ("DATA_RELEASES".equals(e.path("resourceType").asText())) {
                exports.add(e);
            }
        });
        assertThat(exports).hasSizeGreaterThanOrEqualTo(3);
        assertThat(exports.toString()).doesNotContain(citizen.number()).contains("data-releases/export", "ACTION");
    }

    @Test
    @DisplayName("bad input is a JSON invalid_request; no token 401; a citizen's own token 403")
    void refusals(ServerUnderTest server) throws Exception {
        TrackedCitizen citizen = TrackedCitizen.fresh(server);
        String admin = TrackerChecks.adminToken(server);
        for (String query : List.of("?idNumber=12345", "?from=yesterday", "?format=xml", "?max=0",
                "?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")) {
            HttpResponse<String> response = export(server, query, admin);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).path("error").asText()).as(query).isEqualTo("invalid_request");
        }
        assertThat(export(server, "?idNumber=" + citizen.number(), null).statusCode()).isEqualTo(401);
        assertThat(export(server, "/verify", null).statusCode()).isEqualTo(401);
        String citizenToken = citizen.codeFlow().rawAccessToken();
        assertThat(export(server, "?idNumber=" + citizen.number(), citizenToken).statusCode()).isEqualTo(403);
        assertThat(export(server, "/verify", citizenToken).statusCode()).isEqualTo(403);
    }
}
