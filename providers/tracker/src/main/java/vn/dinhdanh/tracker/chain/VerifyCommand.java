package vn.dinhdanh.tracker.chain;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import vn.dinhdanh.tracker.checkpoint.Checkpoint;
import vn.dinhdanh.tracker.checkpoint.Receipt;
import vn.dinhdanh.tracker.checkpoint.ReceiptException;
import vn.dinhdanh.tracker.checkpoint.SignedDocument;

/**
 * The production check, runnable from the image without Keycloak running:
 *
 * <pre>
 * DINHDANH_TRACKER_KEY=… java -cp '/opt/keycloak/providers/*:/opt/keycloak/lib/lib/main/org.postgresql.postgresql-42.7.13.jar' \
 *     vn.dinhdanh.tracker.chain.VerifyCommand jdbc:postgresql://db/keycloak keycloak [anchorSeq:anchorHash]
 *     [--receipt FILE --checkpoint-keys JWKS-FILE]
 * </pre>
 * The database password comes from {@code DINHDANH_TRACKER_DB_PASSWORD} (never an argument: process lists are
 * public); {@code DINHDANH_TRACKER_KEY} is required. A receipt (or a checkpoint) is checked against the JWK Set
 * published at {@code /realms/{realm}/data-tracker/checkpoint-keys}, saved to a file.
 * Exit codes: 0 intact (and the receipt confirmed), 1 broken or contradicted (the first bad row is printed),
 * 2 cannot check, 3 the receipt is not genuine (altered, or not signed by the tracker).
 */
public final class VerifyCommand {

    public static final int INTACT = 0;
    public static final int BROKEN = 1;
    public static final int CANNOT_CHECK = 2;
    public static final int RECEIPT_NOT_GENUINE = 3;

    private VerifyCommand() {
    }

    public static void main(String[] args) {
        List<String> positional = new ArrayList<>();
        String receipt = null;
        String keys = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--receipt" -> receipt = i + 1 < args.length ? args[++i] : null;
                case "--checkpoint-keys" -> keys = i + 1 < args.length ? args[++i] : null;
                default -> positional.add(args[i]);
            }
        }
        if (positional.size() < 2 || positional.size() > 3 || (receipt == null) != (keys == null)) {
            System.err.println("usage: VerifyCommand <jdbc-url> <user> [<anchor-seq>:<anchor-hash>] [--receipt FILE --checkpoint-keys JWKS-FILE]"
                    + "  (env DINHDANH_TRACKER_KEY, DINHDANH_TRACKER_DB_PASSWORD)");
            System.exit(CANNOT_CHECK);
        }
        String secret = System.getenv("DINHDANH_TRACKER_KEY");
        if (secret == null || secret.isEmpty()) {
            System.err.println("cannot verify the data tracker chain: DINHDANH_TRACKER_KEY (the server's spi-dinhdanh-tracker--default--key) is required");
            System.exit(CANNOT_CHECK);
        }
        List<Witness> witnesses = new ArrayList<>();
        try {
            witnesses.addAll(Anchor.parse(positional.size() == 3 ? positional.get(2) : null).witnesses());
            if (receipt != null) {
                witnesses.addAll(witnessesOf(read(Path.of(receipt)), JWKSet.parse(read(Path.of(keys)))));
            }
        } catch (ReceiptException e) {
            System.err.println("the receipt is not genuine (" + e.code() + "): " + e.getMessage());
            System.exit(e.code().equals(ReceiptException.MALFORMED) ? CANNOT_CHECK : RECEIPT_NOT_GENUINE);
        } catch (IOException | ParseException | IllegalArgumentException e) {
            System.err.println("cannot verify the data tracker chain: " + e.getMessage());
            System.exit(CANNOT_CHECK);
        }
        try (Connection connection = DriverManager.getConnection(positional.get(0), positional.get(1), System.getenv("DINHDANH_TRACKER_DB_PASSWORD"))) {
            Verification result = JdbcChain.verify(connection, ChainKey.of(secret), witnesses);
            System.out.println(result.summary());
            System.exit(result.intact() ? INTACT : BROKEN);
        } catch (SQLException | IllegalArgumentException | IllegalStateException e) {
            System.err.println("cannot verify the data tracker chain: " + e.getMessage());
            System.exit(CANNOT_CHECK);
        }
    }

    /** A receipt's or a checkpoint's witnesses, its signature checked: what {@code --receipt} adds to the walk. */
    public static List<Witness> witnessesOf(String document, JWKSet keys) {
        return SignedDocument.typeOf(document).equals(Checkpoint.TYPE)
                ? Checkpoint.open(document, keys).witnesses() : Receipt.open(document, keys).witnesses();
    }

    private static String read(Path file) throws IOException {
        if (Files.size(file) > 64 * 1024) {
            throw new IOException(file + " is larger than a receipt or a JWK Set can be (64 KiB)");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
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

        public List<Witness> witnesses() {
            return seq > 0 ? List.of(Witness.anchor(seq, hash)) : List.of();
        }
    }
}
