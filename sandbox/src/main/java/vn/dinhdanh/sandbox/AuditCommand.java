package vn.dinhdanh.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.dinhdanh.sandbox.postgres.Database;
import vn.dinhdanh.sandbox.postgres.EmbeddedDatabase;
import vn.dinhdanh.sandbox.registry.SandboxRegistry;
import vn.dinhdanh.tracker.chain.ChainKey;
import vn.dinhdanh.tracker.chain.JdbcChain;
import vn.dinhdanh.tracker.chain.Verification;
import vn.dinhdanh.tracker.chain.VerifyCommand;

/** {@code ./dinhdanh audit verify}: walks the data tracker's chain in Keycloak's database (README "Data tracker"). */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The data tracker's record of personal data released.",
        subcommands = AuditCommand.Verify.class)
final class AuditCommand implements Runnable {

    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Checks that no release record was edited, inserted or deleted. Exit 0: intact (prints the row count"
                    + " and the head, an anchor to keep elsewhere); 1: broken (names the first bad row); 2: cannot check.")
    static final class Verify implements Callable<Integer> {

        @Option(names = "--data-dir", description = "The sandbox's data directory (default: .dinhdanh in the checkout).")
        Path dataDirectory;

        @Option(names = "--anchor", description = "A head printed by an earlier verification, <row>:<hash>: that row must still be there, unchanged.")
        String anchor;

        @Option(names = "--db-url", description = "Keycloak's PostgreSQL (jdbc:postgresql://host:port/db) instead of the sandbox's embedded one.")
        String dbUrl;

        @Option(names = "--db-user", defaultValue = "keycloak", description = "User for --db-url (default: ${DEFAULT-VALUE}; password: environment KC_DB_PASSWORD).")
        String dbUser;

        @Override
        public Integer call() {
            Path data = SandboxPaths.data(dataDirectory);
            VerifyCommand.Anchor parsedAnchor;
            try {
                parsedAnchor = VerifyCommand.Anchor.parse(anchor);
            } catch (IllegalArgumentException e) {
                throw new SandboxException("--anchor: " + e.getMessage());
            }
            try (Closer closer = new Closer()) {
                Database database = dbUrl != null ? new Database(dbUrl, dbUser, System.getenv("KC_DB_PASSWORD")) : keycloakDatabase(data, closer);
                // With an external database the key is the operator's (environment); the sandbox keeps its own.
                String secret = dbUrl != null ? System.getenv(SandboxSecrets.TRACKER_KEY) : SandboxSecrets.get(data, SandboxSecrets.TRACKER_KEY);
                if (secret == null || secret.isEmpty()) {
                    throw new SandboxException("set " + SandboxSecrets.TRACKER_KEY + " to the server's spi-dinhdanh-tracker--default--key");
                }
                ChainKey key;
                try {
                    key = ChainKey.of(secret);
                } catch (IllegalArgumentException e) {
                    throw new SandboxException(e.getMessage());
                }
                Verification result;
                try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password())) {
                    result = JdbcChain.verify(connection, key, parsedAnchor.seq(), parsedAnchor.hash());
                } catch (SQLException e) {
                    throw new SandboxException("cannot read the data tracker's tables in " + database + ": " + e.getMessage(), e);
                }
                if (result.intact()) {
                    System.out.println(result.summary());
                    return 0;
                }
                System.err.println(result.summary());
                return 1;
            }
        }

        /** The running sandbox's database, or the embedded one started for this command (holding the lock). */
        private static Database keycloakDatabase(Path data, Closer closer) {
            Path postgres = data.resolve("postgres");
            Optional<InstanceLock> lock = InstanceLock.tryAcquire(data.resolve("up.lock"));
            if (lock.isEmpty()) {
                return EmbeddedDatabase.onPort(SandboxRegistry.runningPort(postgres), "keycloak");
            }
            closer.register(lock.get());
            if (!Files.isRegularFile(postgres.resolve("PG_VERSION"))) {
                throw new SandboxException("no sandbox database in " + data + " yet; run ./dinhdanh up once first");
            }
            return closer.register(EmbeddedDatabase.start(postgres)).database("keycloak");
        }
    }
}
