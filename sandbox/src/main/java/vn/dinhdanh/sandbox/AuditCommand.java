package vn.dinhdanh.sandbox;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import vn.dinhdanh.tracker.chain.Witness;
import vn.dinhdanh.tracker.checkpoint.CheckpointKey;
import vn.dinhdanh.tracker.checkpoint.ReceiptException;

/** {@code ./dinhdanh audit verify}: walks the data tracker's chain in Keycloak's database (README "Data tracker"). */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The data tracker's record of personal data released.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.NewCheckpointKey.class})
final class AuditCommand implements Runnable {

    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    @Command(name = "checkpoint-key", mixinStandardHelpOptions = true,
            description = "Prints a new private checkpoint key (an EC P-256 JWK) for spi-dinhdanh-tracker--default--checkpoint-key;"
                    + " keep it in the secret store beside the chain key, never in the database.")
    static final class NewCheckpointKey implements Callable<Integer> {

        @Override
        public Integer call() {
            System.out.println(CheckpointKey.generate());
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Checks that no release record was edited, inserted or deleted, and with --receipt that the chain still"
                    + " holds a citizen's receipt (not wiped, rolled back or forked). Exit 0: intact (prints the row count and the"
                    + " head, an anchor to keep elsewhere); 1: broken or contradicted (names the first bad row); 2: cannot check;"
                    + " 3: the receipt is not genuine (altered, or not signed by the tracker).")
    static final class Verify implements Callable<Integer> {

        @Option(names = "--data-dir", description = "The sandbox's data directory (default: .dinhdanh in the checkout).")
        Path dataDirectory;

        @Option(names = "--anchor", description = "A head printed by an earlier verification, <row>:<hash>: that row must still be there, unchanged.")
        String anchor;

        @Option(names = "--receipt", description = "A receipt downloaded from the data tracker page (or a checkpoint): the chain must"
                + " still hold its release's row and its checkpoint's, with those hashes.")
        Path receipt;

        @Option(names = "--checkpoint-keys", description = "The checkpoint keys to check --receipt with: a JWK Set file, or its URL"
                + " (…/realms/dinhdanh/data-tracker/checkpoint-keys). Default: the sandbox's own key; required with --db-url.")
        String checkpointKeys;

        @Option(names = "--db-url", description = "Keycloak's PostgreSQL (jdbc:postgresql://host:port/db) instead of the sandbox's embedded one; the "
                + "chain's key then comes from environment " + SandboxSecrets.TRACKER_KEY + ".")
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
            List<Witness> witnesses = new ArrayList<>(parsedAnchor.witnesses());
            if (receipt != null) {
                try {
                    witnesses.addAll(VerifyCommand.witnessesOf(read(receipt), keys(data)));
                } catch (ReceiptException e) {
                    System.err.println("the receipt is not genuine (" + e.code() + "): " + e.getMessage());
                    if (e.code().equals(ReceiptException.MALFORMED)) {
                        throw new SandboxException("--receipt: " + e.getMessage());
                    }
                    return VerifyCommand.RECEIPT_NOT_GENUINE;
                }
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
                    result = JdbcChain.verify(connection, key, witnesses);
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

        /** The checkpoint keys: --checkpoint-keys (file or URL), else the sandbox's own key's public half. */
        private JWKSet keys(Path data) {
            try {
                if (checkpointKeys == null) {
                    if (dbUrl != null) {
                        throw new SandboxException("--receipt with --db-url needs --checkpoint-keys (the server's published JWK Set)");
                    }
                    return CheckpointKey.of(SandboxSecrets.trackerCheckpointKey(data)).publicKeys();
                }
                if (checkpointKeys.startsWith("https://") || checkpointKeys.startsWith("http://")) {
                    HttpResponse<String> response = LocalHttp.client().send(HttpRequest.newBuilder(URI.create(checkpointKeys))
                            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        throw new SandboxException("--checkpoint-keys: " + checkpointKeys + " answered " + response.statusCode());
                    }
                    return JWKSet.parse(response.body());
                }
                return JWKSet.parse(read(Path.of(checkpointKeys)));
            } catch (IOException | ParseException e) {
                throw new SandboxException("--checkpoint-keys: not a JWK Set (" + e.getMessage() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SandboxException("interrupted");
            }
        }

        private static String read(Path file) {
            try {
                if (Files.size(file) > 64 * 1024) {
                    throw new SandboxException(file + " is larger than a receipt or a JWK Set can be (64 KiB)");
                }
                return Files.readString(file);
            } catch (IOException e) {
                throw new SandboxException("cannot read " + file + ": " + e.getMessage(), e);
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
