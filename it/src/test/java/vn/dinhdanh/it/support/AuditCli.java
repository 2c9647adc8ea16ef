package vn.dinhdanh.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import vn.dinhdanh.sandbox.SandboxSecrets;
import vn.dinhdanh.sandbox.postgres.Database;

/** {@code ./dinhdanh audit verify} as a process against the server's database: its exit code is what operators' scripts see. */
public final class AuditCli {

    public record Result(int exit, String out, String err) {
    }

    private AuditCli() {
    }

    public static Result verify(ServerUnderTest server, String... extra) {
        Database db = server.keycloakDatabase();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("dinhdanh.sandbox.classpath"),
                "vn.dinhdanh.sandbox.DinhdanhCommand", "audit", "verify", "--db-url", db.jdbcUrl(), "--db-user", db.username()));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put(SandboxSecrets.TRACKER_KEY, server.trackerKey());
        builder.environment().put("KC_DB_PASSWORD", db.password());
        try {
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return new Result(process.exitValue(), out, err);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** With a receipt (or checkpoint) file, checked against the keys the realm publishes. */
    public static Result verifyReceipt(ServerUnderTest server, Path receipt) {
        return verify(server, "--receipt", receipt.toString(), "--checkpoint-keys",
                server.realmUrl() + "/data-tracker/checkpoint-keys");
    }
}
