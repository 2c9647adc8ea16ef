package vn.dinhdanh.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import vn.dinhdanh.tracker.chain.Verification;

/** The same verdict from all three checks: the Keycloak-free verifier, the admin endpoint and, where asked, the CLI. */
public final class TrackerChecks {

    private TrackerChecks() {
    }

    public static String adminToken(ServerUnderTest server) {
        HttpResponse<String> response = TrackedCitizen.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin&password="
                        + URLEncoder.encode(server.adminPassword(), StandardCharsets.UTF_8))).build());
        return TrackedCitizen.read(response.body()).path("access_token").asText();
    }

    public static HttpResponse<String> verifyEndpoint(ServerUnderTest server) {
        return TrackedCitizen.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/admin/realms/dinhdanh/data-releases/verify"))
                .header("Authorization", "Bearer " + adminToken(server)).build());
    }

    /** Intact for the verifier and the endpoint, with at least {@code minimumRows} rows. */
    public static void assertIntact(ServerUnderTest server, long minimumRows) {
        Verification result = new TrackerTables(server).verify();
        assertThat(result.intact()).as(result.summary()).isTrue();
        assertThat(result.rows()).isGreaterThanOrEqualTo(minimumRows);
        HttpResponse<String> verify = verifyEndpoint(server);
        assertThat(verify.statusCode()).as(verify.body()).isEqualTo(200);
        assertThat(TrackedCitizen.read(verify.body()).path("intact").asBoolean()).isTrue();
    }

    /** Broken at row {@code seq} with {@code kind}, for the verifier and the endpoint (409). */
    public static void assertBroken(ServerUnderTest server, long seq, String kind) {
        Verification result = new TrackerTables(server).verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.firstProblem().orElseThrow().seq()).as(result.summary()).isEqualTo(seq);
        assertThat(result.firstProblem().orElseThrow().kind().code()).isEqualTo(kind);
        HttpResponse<String> verify = verifyEndpoint(server);
        assertThat(verify.statusCode()).as(verify.body()).isEqualTo(409);
        JsonNode body = TrackedCitizen.read(verify.body());
        assertThat(body.path("intact").asBoolean()).isFalse();
        assertThat(body.path("problem").path("row").asLong()).isEqualTo(seq);
        assertThat(body.path("problem").path("kind").asText()).isEqualTo(kind);
    }
}
