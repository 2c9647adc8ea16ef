package vn.dinhdanh.tracker.chain;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The production check, runnable from the image without Keycloak running:
 *
 * <pre>
 * DINHDANH_TRACKER_KEY=… java -cp /opt/keycloak/providers/dinhdanh-tracker.jar:/opt/keycloak/lib/lib/main/org.postgresql.postgresql-42.7.13.jar \
 *     vn.dinhdanh.tracker.chain.VerifyCommand jdbc:postgresql://db/keycloak keycloak [anchorSeq:anchorHash]
 * </pre>
 * The database password comes from {@code DINHDANH_TRACKER_DB_PASSWORD} (never an argument: process lists are
 * public); without {@code DINHDANH_TRACKER_KEY} the key kept in the database (the weak default) is used.
 * Exit codes: 0 intact, 1 broken (the first bad row is printed), 2 cannot check.
 */
public final class VerifyCommand {

    private VerifyCommand() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: VerifyCommand <jdbc-url> <user> [<anchor-seq>:<anchor-hash>]"
                    + "  (env DINHDANH_TRACKER_KEY, DINHDANH_TRACKER_DB_PASSWORD)");
            System.exit(2);
        }
        try (Connection connection = DriverManager.getConnection(args[0], args[1], System.getenv("DINHDANH_TRACKER_DB_PASSWORD"))) {
            Anchor anchor = Anchor.parse(args.length == 3 ? args[2] : null);
            String secret = System.getenv("DINHDANH_TRACKER_KEY");
            if (secret == null || secret.isEmpty()) {
                secret = JdbcChain.fallbackKey(connection);
                System.err.println("warning: DINHDANH_TRACKER_KEY not set; using the key kept in the database");
            }
            Verification result = JdbcChain.verify(connection, ChainKey.of(secret), anchor.seq(), anchor.hash());
            System.out.println(result.summary());
            System.exit(result.intact() ? 0 : 1);
        } catch (SQLException | IllegalArgumentException | IllegalStateException e) {
            System.err.println("cannot verify the data tracker chain: " + e.getMessage());
            System.exit(2);
        }
    }

    /** An external anchor {@code seq:hash} as printed by an earlier verification ({@code head row N hash H}). */
    public record Anchor(long seq, String hash) {

        public static Anchor parse(String text) {
            if (text == null || text.isEmpty()) {
                return new Anchor(0, null);
            }
            int colon = text.indexOf(':');
            if (colon < 1 || !text.substring(colon + 1).matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("an anchor is <row>:<64 hex digits>, as a verification prints the head");
            }
            try {
                return new Anchor(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("an anchor is <row>:<64 hex digits>, as a verification prints the head");
            }
        }
    }
}
