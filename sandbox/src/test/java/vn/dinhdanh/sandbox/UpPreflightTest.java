package vn.dinhdanh.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to {@code ./dinhdanh up}: one clear line, exit code 2, nothing created or started. */
class UpPreflightTest {

    @TempDir
    Path temp;

    private final StringWriter err = new StringWriter();

    private int up(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "up";
        System.arraycopy(args, 0, all, 1, args.length);
        return DinhdanhCommand.execute(new PrintWriter(err, true), all);
    }

    @Test
    @DisplayName("a taken port is named, and no data directory is created")
    void takenPort() throws IOException {
        Path data = temp.resolve("data");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int exit = up("--port", String.valueOf(taken.getLocalPort()), "--data-dir", data.toString());
            assertThat(exit).isEqualTo(2);
            assertThat(err.toString().strip())
                    .isEqualTo("dinhdanh: port " + taken.getLocalPort() + " is already in use; stop what uses it or choose another with --port");
        }
        assertThat(data).doesNotExist();
    }

    @Test
    @DisplayName("a citizen count out of range is refused")
    void citizensOutOfRange() {
        assertThat(up("--port", String.valueOf(Ports.free()), "--citizens", "-1", "--data-dir", temp.resolve("d").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--citizens must be between 0 and 10000000");
    }

    @Test
    @DisplayName("a port out of range is refused")
    void portOutOfRange() {
        assertThat(up("--port", "70000", "--data-dir", temp.resolve("data").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("port 70000 is not a TCP port");
    }

    @Test
    @DisplayName("an unreachable external database is reported before anything starts")
    void unreachableDatabase() {
        Path data = temp.resolve("data");
        int nobody = Ports.free();
        int exit = up("--port", String.valueOf(Ports.free()), "--data-dir", data.toString(),
                "--db-url", "jdbc:postgresql://127.0.0.1:" + nobody + "/keycloak", "--db-password", "not-in-output");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("dinhdanh: cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:" + nobody)
                .doesNotContain("not-in-output").hasLineCount(1);
        assertThat(data).doesNotExist();
    }

    @Test
    @DisplayName("with an external database, a missing registry is reported before anything starts")
    void externalWithoutRegistry() throws Exception {
        try (vn.dinhdanh.sandbox.postgres.EmbeddedDatabase postgres = vn.dinhdanh.sandbox.postgres.EmbeddedDatabase.start(temp.resolve("pg"))) {
            String keycloak = postgres.database("keycloak").jdbcUrl();
            int exit = up("--port", String.valueOf(Ports.free()), "--data-dir", temp.resolve("data").toString(),
                    "--db-url", keycloak + "?connectTimeout=5", "--db-user", "postgres");
            assertThat(exit).isEqualTo(2);
            assertThat(err.toString()).contains("cannot reach PostgreSQL at " + keycloak.replace("/keycloak", "/registry") + "?connectTimeout=5")
                    .contains("registry");
        }
        assertThat(temp.resolve("data")).doesNotExist();
    }

    @Test
    @DisplayName("the default registry URL is database 'registry' on the --db-url server")
    void registryUrlDerivedFromDbUrl() {
        assertThat(UpCommand.sameServer("jdbc:postgresql://db.example:5432/keycloak?ssl=true", "registry"))
                .isEqualTo("jdbc:postgresql://db.example:5432/registry?ssl=true");
        assertThat(UpCommand.sameServer("jdbc:postgresql://h/kc", "registry")).isEqualTo("jdbc:postgresql://h/registry");
    }

    @Test
    @DisplayName("a database URL that is not PostgreSQL is refused")
    void notPostgres() {
        assertThat(up("--port", String.valueOf(Ports.free()), "--data-dir", temp.resolve("d").toString(),
                "--db-url", "jdbc:mysql://127.0.0.1/keycloak")).isEqualTo(2);
        assertThat(err.toString()).contains("--db-url must be a PostgreSQL JDBC URL");
    }

    @Test
    @DisplayName("a damaged data directory is reported and left exactly as it was")
    void damagedDataDirectory() throws IOException {
        Path data = temp.resolve("data");
        Path postgres = Files.createDirectories(data.resolve("postgres"));
        Files.writeString(postgres.resolve("base"), "not a database");
        int exit = up("--port", String.valueOf(Ports.free()), "--data-dir", data.toString());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(postgres + " is not a PostgreSQL data directory").contains("--fresh");
        try (var files = Files.list(postgres)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("base");
        }
        assertThat(Files.readString(postgres.resolve("base"))).isEqualTo("not a database");
    }

    @Test
    @DisplayName("--fresh and --db-url together are refused: --fresh never touches an external database")
    void freshWithExternalDatabase() {
        assertThat(up("--port", String.valueOf(Ports.free()), "--data-dir", temp.resolve("d").toString(), "--fresh",
                "--db-url", "jdbc:postgresql://127.0.0.1:1/x")).isEqualTo(2);
        assertThat(err.toString()).contains("--fresh wipes the embedded database only");
    }

    @Test
    @DisplayName("a second up on the same data directory says that one is running, even on the same port")
    void alreadyRunning() throws IOException {
        Path data = Files.createDirectories(temp.resolve("data"));
        try (InstanceLock running = InstanceLock.acquire(data.resolve("up.lock"));
             ServerSocket itsPort = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int exit = up("--port", String.valueOf(itsPort.getLocalPort()), "--data-dir", data.toString());
            assertThat(exit).isEqualTo(2);
            assertThat(err.toString()).contains("dinhdanh is already running from " + data)
                    .contains("pid " + ProcessHandle.current().pid());
        }
    }
}
