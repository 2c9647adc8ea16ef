package vn.dinhdanh.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dinhdanh.sandbox.postgres.EmbeddedDatabase;
import vn.dinhdanh.sandbox.registry.RegistryDatabase;
import vn.dinhdanh.sandbox.registry.RegistrySetup;

/** {@code citizens sample}, {@code population generate} and {@code chip read} on a stopped sandbox's data directory. */
class CitizensAndPopulationCommandTest {

    @TempDir
    static Path data;

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void sandboxWithRegistry() throws Exception {
        try (EmbeddedDatabase postgres = EmbeddedDatabase.start(data.resolve("postgres"))) {
            RegistrySetup.prepare(postgres.database(RegistryDatabase.NAME), "pw", 3_000, line -> { });
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static synchronized Run run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int exit = DinhdanhCommand.execute(new PrintWriter(err, true), args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(original);
        }
    }

    private static List<JsonNode> personas(String out) throws Exception {
        List<JsonNode> personas = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            personas.add(JSON.readTree(line));
        }
        return personas;
    }

    @Test
    @DisplayName("sample prints personas of the asked status and level as JSON lines")
    void sample() throws Exception {
        Run deceased = run("citizens", "sample", "--data-dir", data.toString(), "--status", "deceased", "-n", "3");
        assertThat(deceased.exit()).as(deceased.err()).isZero();
        assertThat(personas(deceased.out())).hasSize(3).allSatisfy(p -> {
            assertThat(p.path("status").asText()).isEqualTo("citizen_deceased");
            assertThat(p.path("idNumber").asText()).matches("[0-9]{12}");
            assertThat(p.path("fullName").asText()).isNotBlank();
        });

        Run alive = run("citizens", "sample", "--data-dir", data.toString(), "--status", "alive", "--level", "2", "-n", "4");
        assertThat(personas(alive.out())).hasSize(4).allSatisfy(p -> {
            assertThat(p.path("status").asText()).isEqualTo("alive");
            assertThat(p.path("level").asInt()).isEqualTo(2);
        });

        Run revoked = run("citizens", "sample", "--data-dir", data.toString(), "--status", "revoked", "-n", "2");
        assertThat(personas(revoked.out())).allSatisfy(p -> assertThat(p.path("status").asText()).isIn("card_revoked", "card_lost"));
    }

    @Test
    @DisplayName("the default draw is varied and seeded: many birth decades, the same personas again, others for another seed")
    void variedAndSeeded() throws Exception {
        Run first = run("citizens", "sample", "--data-dir", data.toString(), "-n", "20");
        assertThat(first.exit()).as(first.err()).isZero();
        java.util.List<JsonNode> personas = personas(first.out());
        assertThat(personas.stream().map(p -> p.path("birthDate").asText().substring(0, 3)).distinct().count())
                .as("birth decades").isGreaterThanOrEqualTo(4);
        assertThat(personas.stream().map(p -> p.path("idNumber").asText().substring(0, 3)).distinct().count())
                .as("provinces").isGreaterThanOrEqualTo(4);
        assertThat(run("citizens", "sample", "--data-dir", data.toString(), "-n", "20").out()).isEqualTo(first.out());
        assertThat(run("citizens", "sample", "--data-dir", data.toString(), "-n", "20", "--seed", "other").out()).isNotEqualTo(first.out());
    }

    @Test
    @DisplayName("--with-chip: only citizens whose card has an expiry date a year ahead, so that `chip read` can model it")
    void withChip() throws Exception {
        // Read before the command: its own day can only be the same or later, should midnight pass meanwhile.
        java.time.LocalDate today = java.time.LocalDate.now();
        Run run = run("citizens", "sample", "--data-dir", data.toString(), "--with-chip", "-n", "10");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(personas(run.out())).hasSize(10).allSatisfy(p -> {
            assertThat(p.path("card").path("status").asText()).isEqualTo("active");
            assertThat(java.time.LocalDate.parse(p.path("card").path("expiryDate").asText())).isAfter(today.plusYears(1));
        });
    }

    @Test
    @DisplayName("bad options are refused with a clear line")
    void badOptions() {
        assertThat(run("citizens", "sample", "--data-dir", data.toString(), "-n", "0").err()).contains("-n must be between 1 and 100");
        assertThat(run("citizens", "sample", "--data-dir", data.toString(), "--level", "3").err()).contains("--level must be 0, 1 or 2");
        assertThat(run("population", "generate", "--data-dir", data.toString(), "--count", "0").err()).contains("--count must be between");
        Run empty = run("citizens", "sample", "--data-dir", data.resolve("nothing-here").toString());
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.err()).contains("no sandbox database in").contains("run ./dinhdanh up once first");
    }

    @Test
    @DisplayName("generate appends citizens to the registry")
    void generate() throws Exception {
        Run run = run("population", "generate", "--data-dir", data.toString(), "--count", "1000");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("added 1,000 citizens");
        try (EmbeddedDatabase postgres = EmbeddedDatabase.start(data.resolve("postgres"));
             Connection connection = RegistryDatabase.connect(postgres.database(RegistryDatabase.NAME));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM citizen")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(4_000);
        }
    }

    /** An alive citizen whose card has an expiry date: one the virtual chip can model. */
    private static String chipHolder() throws Exception {
        Run alive = run("citizens", "sample", "--data-dir", data.toString(), "--status", "alive", "-n", "100");
        for (JsonNode persona : personas(alive.out())) {
            if (persona.path("card").path("expiryDate").isTextual()
                    && java.time.LocalDate.parse(persona.path("card").path("expiryDate").asText()).isAfter(java.time.LocalDate.now())) {
                return persona.path("idNumber").asText();
            }
        }
        throw new AssertionError("no alive citizen with an expiring card");
    }

    @Test
    @DisplayName("chip read prints a verification request that the chip core finds valid against the sandbox's own CSCA")
    void chipRead(@TempDir Path other) throws Exception {
        String number = chipHolder();
        byte[] nonce = {1, 2, 3, 4, 5, 6, 7, 8};
        String challenge = "{\"challengeId\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"nonce\":\""
                + java.util.Base64.getEncoder().encodeToString(nonce) + "\",\"expiresAt\":\"2026-11-24T00:00:00Z\"}";
        Run read = run("chip", "read", "--data-dir", data.toString(), "--citizen", number, "--challenge", challenge);
        assertThat(read.exit()).as(read.err()).isZero();
        JsonNode body = JSON.readTree(read.out());
        assertThat(body.path("challengeId").asText()).isEqualTo("AAAAAAAAAAAAAAAAAAAAAA");
        assertThat(body.path("files").has("SOD")).isTrue();

        java.util.Map<Integer, byte[]> groups = new java.util.TreeMap<>();
        body.path("files").fields().forEachRemaining(f -> {
            if (!f.getKey().equals("SOD")) {
                groups.put(Integer.parseInt(f.getKey().substring(2)), java.util.Base64.getDecoder().decode(f.getValue().asText()));
            }
        });
        vn.dinhdanh.chip.lds.ChipPresentation presentation = new vn.dinhdanh.chip.lds.ChipPresentation(
                java.util.Base64.getDecoder().decode(body.path("files").path("SOD").asText()), groups,
                java.util.Base64.getDecoder().decode(body.path("activeAuthentication").path("signature").asText()));
        java.time.Clock clock = java.time.Clock.systemUTC();
        vn.dinhdanh.chip.trust.TrustStore trust = new vn.dinhdanh.chip.trust.TrustStoreLoader(clock)
                .load(List.of(vn.dinhdanh.sandbox.chip.SandboxPki.writeTrustStore(data)));
        vn.dinhdanh.chip.verdict.Verdict verdict = new vn.dinhdanh.chip.ChipVerifier(trust,
                (card, ds) -> vn.dinhdanh.chip.consistency.DocumentStatus.Status.VALID, clock, vn.dinhdanh.chip.ChipPolicy.DEFAULT)
                .verify(presentation, nonce, java.util.Optional.empty());
        assertThat(verdict.valid()).as(verdict.toString()).isTrue();
        assertThat(verdict.chipAuthenticated()).isTrue();
        assertThat(verdict.identity().orElseThrow().idNumber()).isEqualTo(number);

        // Another sandbox (another seed) does not trust this one's cards.
        vn.dinhdanh.chip.trust.TrustStore otherTrust = new vn.dinhdanh.chip.trust.TrustStoreLoader(clock)
                .load(List.of(vn.dinhdanh.sandbox.chip.SandboxPki.writeTrustStore(other)));
        assertThat(new vn.dinhdanh.chip.ChipVerifier(otherTrust,
                (card, ds) -> vn.dinhdanh.chip.consistency.DocumentStatus.Status.VALID, clock, vn.dinhdanh.chip.ChipPolicy.DEFAULT)
                .verify(presentation, nonce, java.util.Optional.empty()).failure())
                .contains(vn.dinhdanh.chip.verdict.ChipFailure.DS_NOT_TRUSTED);
    }

    @Test
    @DisplayName("chip read refuses unknown variants, bare nonces without an id, and citizens it has no card for")
    void chipReadRefusals() throws Exception {
        String number = chipHolder();
        assertThat(run("chip", "read", "--data-dir", data.toString(), "--citizen", number, "--challenge", "AQIDBAUGBwg=").err())
                .contains("--challenge-id is needed");
        assertThat(run("chip", "read", "--data-dir", data.toString(), "--citizen", number, "--challenge", "AQIDBAUGBwg=",
                "--challenge-id", "x", "--variant", "shiny").err()).contains("--variant: no such choice: shiny");
        assertThat(run("chip", "read", "--data-dir", data.toString(), "--citizen", "12345", "--challenge", "AQIDBAUGBwg=",
                "--challenge-id", "x").err()).contains("--citizen");
        Run expired = run("chip", "read", "--data-dir", data.toString(), "--citizen", number, "--challenge", "AQIDBAUGBwg=",
                "--challenge-id", "x", "--variant", "expired", "--active-auth", "ec-p256-der");
        assertThat(expired.exit()).as(expired.err()).isZero();
    }
}
