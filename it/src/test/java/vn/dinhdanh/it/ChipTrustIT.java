package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.dinhdanh.it.support.ChipReader;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.Registry;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.sandbox.LocalHttp;
import vn.dinhdanh.sandbox.keycloak.KeycloakAdmin;
import vn.dinhdanh.virtualchip.ActiveAuthKey;
import vn.dinhdanh.virtualchip.CardHolder;
import vn.dinhdanh.virtualchip.TestPki;
import vn.dinhdanh.virtualchip.Variant;

/**
 * The chip trust on the real server: read and reloaded without a restart by an administrator
 * ({@code /admin/realms/dinhdanh/chip-trust}), an admin event for each reload, a stale CRL refusing genuine
 * cards with {@code csca_crl_stale} until a current one is loaded, and the CRL meter in {@code /metrics}.
 */
@ExtendWith(DinhdanhServerExtension.class)
class ChipTrustIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRUST = "/admin/realms/dinhdanh/chip-trust";

    private ServerUnderTest server;
    private KeycloakAdmin admin;
    private ChipReader reader;
    private Registry registry;

    @BeforeEach
    void setUp(ServerUnderTest server) {
        this.server = server;
        this.admin = server.admin();
        this.reader = new ChipReader(server);
        this.registry = new Registry(server);
    }

    private JsonNode reload() throws Exception {
        HttpResponse<String> response = admin.exchange("POST", TRUST + "/reload", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private String readGenuine(CardHolder holder) {
        ChipReader.Challenge challenge = reader.challenge();
        return reader.verify(reader.request(reader.chip(holder, Variant.GENUINE, ActiveAuthKey.RSA_SHA256), challenge))
                .body().path("failure").asText("none");
    }

    private static String pem(Object object) throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    @Test
    @DisplayName("an administrator reads this node's trust: both sandbox CSCAs (P-256, brainpoolP256r1) and their current CRLs")
    void state() {
        JsonNode trust = admin.get(TRUST);
        assertThat(trust.get("cscas").asInt()).isEqualTo(2);
        assertThat(trust.get("crls")).hasSize(2).allSatisfy(crl -> assertThat(crl.get("stale").asBoolean()).isFalse());
    }

    @Test
    @DisplayName("without an admin token: 401")
    void anonymous() throws Exception {
        HttpResponse<String> response = LocalHttp.client().send(HttpRequest.newBuilder(server.baseUrl()
                .resolve(TRUST + "/reload")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("a stale CRL refuses genuine cards as csca_crl_stale; a current one, reloaded without a restart, accepts them again")
    void staleCrlThenReload() throws Exception {
        CardHolder holder = reader.holder(registry.pick(ChipVerificationIT.HOLDER));
        Path file = server.chipTrustFile();
        String original = Files.readString(file);
        TestPki pki = server.chipPki();
        TestPki brainpool = server.brainpoolChipPki();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try {
            Files.writeString(file, pki.cscaPem() + pem(pki.crl(now.minus(100, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS), 2))
                    + brainpool.cscaPem() + brainpool.crlPem());
            assertThat(reload().get("result").asText()).isEqualTo("loaded");
            assertThat(readGenuine(holder)).isEqualTo("csca_crl_stale");

            Files.writeString(file, pki.cscaPem() + pem(pki.crl(now.minus(1, ChronoUnit.DAYS), now.plus(90, ChronoUnit.DAYS), 3))
                    + brainpool.cscaPem() + brainpool.crlPem());
            JsonNode reloaded = reload();
            assertThat(reloaded.get("result").asText()).isEqualTo("loaded");
            assertThat(reloaded.get("crls")).allSatisfy(crl -> assertThat(crl.get("stale").asBoolean()).isFalse());
            assertThat(readGenuine(holder)).isEqualTo("none");

            // Each reload is an admin event.
            JsonNode events = admin.get("/admin/realms/dinhdanh/admin-events?operationTypes=ACTION&max=100");
            long reloads = java.util.stream.StreamSupport.stream(events.spliterator(), false)
                    .filter(e -> "CHIP_TRUST".equals(e.path("resourceType").asText())).count();
            assertThat(reloads).isGreaterThanOrEqualTo(2);
        } finally {
            Files.writeString(file, original);
            reload();
        }
    }

    @Test
    @DisplayName("a broken trust file: 409 trust_reload_failed, the previous trust stays in use")
    void brokenFile() throws Exception {
        CardHolder holder = reader.holder(registry.pick(ChipVerificationIT.HOLDER));
        Path file = server.chipTrustFile();
        String original = Files.readString(file);
        try {
            Files.writeString(file, original + server.chipPki().impostor().crlPem());
            HttpResponse<String> response = admin.exchange("POST", TRUST + "/reload", null);
            assertThat(response.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("trust_reload_failed");
            assertThat(readGenuine(holder)).isEqualTo("none");
        } finally {
            Files.writeString(file, original);
            reload();
        }
    }

    @Test
    @DisplayName("/metrics shows the time left to the soonest CRL nextUpdate and the trusted CSCAs")
    void metrics() throws Exception {
        HttpResponse<String> response = LocalHttp.client().send(HttpRequest.newBuilder(server.managementUrl()
                .resolve("/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        String line = response.body().lines().filter(l -> l.startsWith("dinhdanh_chip_crl_next_update_seconds"))
                .findFirst().orElseThrow(() -> new AssertionError("no dinhdanh_chip_crl_next_update_seconds in /metrics"));
        assertThat(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).isPositive();
        assertThat(response.body()).contains("dinhdanh_chip_trust_cscas 2.0");
    }
}
