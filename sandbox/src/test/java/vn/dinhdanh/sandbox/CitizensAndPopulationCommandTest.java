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

/** {@code citizens sample} and {@code population generate} on a stopped sandbox's data directory. */
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
}
