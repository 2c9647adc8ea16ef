package vn.dinhdanh.sandbox.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.stream.Stream;
import vn.dinhdanh.sandbox.SandboxException;

/**
 * A real PostgreSQL server from Maven Central binaries (zonky), listening on loopback only, with
 * its data in a directory that survives restarts.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts PostgreSQL on {@code dataDirectory}, initialising it when it does not exist yet. Never
     * deletes or rewrites an existing directory: a damaged one is reported, not repaired.
     */
    public static EmbeddedDatabase start(Path dataDirectory) {
        requireUsable(dataDirectory);
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // Keycloak's named datasources use XA: two-phase commit needs prepared transactions.
                    .setServerConfig("max_prepared_transactions", "20")
                    // No replica ever reads this WAL: with wal_level=minimal a bulk load into a table
                    // emptied in the same transaction writes no WAL at all (the synthetic population).
                    .setServerConfig("wal_level", "minimal")
                    .setServerConfig("max_wal_senders", "0")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            return new EmbeddedDatabase(postgres, dataDirectory);
        } catch (IOException | RuntimeException e) {
            throw new SandboxException("PostgreSQL could not start on " + dataDirectory
                    + " (damaged, or written by another PostgreSQL version); move it away or start over with --fresh", e);
        }
    }

    /** An existing, non-empty directory must look like a PostgreSQL data directory. */
    public static void requireUsable(Path dataDirectory) {
        if (!Files.exists(dataDirectory) || isEmptyDirectory(dataDirectory)) {
            return;
        }
        if (!Files.isDirectory(dataDirectory)
                || !Files.isRegularFile(dataDirectory.resolve("PG_VERSION"))
                || !Files.isRegularFile(dataDirectory.resolve("postgresql.conf"))) {
            throw new SandboxException(dataDirectory + " is not a PostgreSQL data directory (damaged?); "
                    + "move it away or start over with --fresh");
        }
    }

    private static boolean isEmptyDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** Creates {@code name} unless it exists, and returns how to reach it as the superuser. */
    public Database database(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            boolean exists;
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                query.setString(1, name);
                try (ResultSet rows = query.executeQuery()) {
                    exists = rows.next();
                }
            }
            if (!exists) {
                try (Statement create = connection.createStatement()) {
                    create.execute("CREATE DATABASE " + name + " ENCODING 'UTF8'");
                }
            }
        } catch (SQLException e) {
            throw new SandboxException("cannot create database " + name + " in the embedded PostgreSQL: " + e.getMessage(), e);
        }
        return onPort(postgres.getPort(), name);
    }

    /** Database {@code name} of an embedded PostgreSQL listening on {@code port}, as its superuser. */
    public static Database onPort(int port, String name) {
        return new Database("jdbc:postgresql://127.0.0.1:" + port + "/" + name, SUPERUSER, "");
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
