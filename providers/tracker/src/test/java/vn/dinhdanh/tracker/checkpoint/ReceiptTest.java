package vn.dinhdanh.tracker.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import vn.dinhdanh.tracker.chain.ChainKey;
import vn.dinhdanh.tracker.chain.ReleaseRow;
import vn.dinhdanh.tracker.chain.VerifyCommand;
import vn.dinhdanh.tracker.chain.Verification.Kind;
import vn.dinhdanh.tracker.chain.Witness;

/** Checkpoints and receipts as the server signs them and the command line reads them (no Keycloak). */
class ReceiptTest {

    private static final CheckpointKey KEY = CheckpointKey.of(CheckpointKey.generate());
    private static final String ISSUER = "https://id.example/realms/dinhdanh";
    private static final ChainKey CHAIN = ChainKey.of("a test key of at least thirty-two bytes!");

    private static ReleaseRow row() {
        ReleaseRow row = new ReleaseRow(0, 1_790_000_000_000L, "realm-id", "public-portal", "pseudonym", "token",
                List.of("birthdate", "name", "sub"), "1", "1", "password", null, null);
        return CHAIN.link(row, 16, "b".repeat(64));
    }

    private static String receipt() {
        return Receipt.of(ISSUER, 1_790_000_100L, row(), 42, "c".repeat(64)).sign(KEY);
    }

    @Nested
    @DisplayName("a genuine receipt")
    class Genuine {

        @Test
        @DisplayName("opens with the published keys and gives the release's row and the checkpoint's as witnesses")
        void opens() {
            Receipt opened = Receipt.open(receipt(), KEY.publicKeys());
            assertThat(opened.row()).isEqualTo(17);
            assertThat(opened.hash()).isEqualTo(row().hash());
            assertThat(opened.client()).isEqualTo("public-portal");
            assertThat(opened.items()).containsExactly("birthdate", "name", "sub");
            assertThat(opened.checkpointRow()).isEqualTo(42);
            assertThat(opened.witnesses()).extracting(Witness::seq).containsExactly(17L, 42L);
            assertThat(opened.witnesses()).allSatisfy(w -> {
                assertThat(w.missing()).isEqualTo(Kind.ROLLED_BACK);
                assertThat(w.different()).isEqualTo(Kind.FORKED);
            });
        }

        @Test
        @DisplayName("is a flattened JWS JSON document (ES256, kid = the key's thumbprint, typ) that carries no pseudonym")
        void format() throws Exception {
            Map<String, Object> json = JSONObjectUtils.parse(receipt());
            assertThat(json).containsOnlyKeys("protected", "payload", "signature");
            Map<String, Object> header = JSONObjectUtils.parse(new Base64URL((String) json.get("protected")).decodeToString());
            assertThat(header).containsEntry("alg", "ES256").containsEntry("typ", Receipt.TYPE).containsEntry("kid", KEY.keyId());
            String payload = new Base64URL((String) json.get("payload")).decodeToString();
            assertThat(payload).contains("\"release\"", "\"checkpoint\"", ISSUER).doesNotContain("pseudonym", "realm-id");
        }

        @Test
        @DisplayName("the command line reads receipts and checkpoints alike")
        void commandLine() {
            assertThat(VerifyCommand.witnessesOf(receipt(), KEY.publicKeys())).hasSize(2);
            String checkpoint = new Checkpoint(ISSUER, 1_790_000_100L, 42, "c".repeat(64)).sign(KEY);
            assertThat(VerifyCommand.witnessesOf(checkpoint, KEY.publicKeys())).extracting(Witness::seq).containsExactly(42L);
            assertThat(Checkpoint.open(checkpoint, KEY.publicKeys())).isEqualTo(new Checkpoint(ISSUER, 1_790_000_100L, 42, "c".repeat(64)));
        }
    }

    @Nested
    @DisplayName("a receipt that is not genuine is refused with its own code")
    class NotGenuine {

        @Test
        @DisplayName("its payload changed (another row or hash): bad signature")
        void altered() throws Exception {
            Map<String, Object> json = JSONObjectUtils.parse(receipt());
            String payload = new Base64URL((String) json.get("payload")).decodeToString().replace("\"row\":17", "\"row\":18");
            json.put("payload", Base64URL.encode(payload).toString());
            assertThatThrownBy(() -> Receipt.open(JSONObjectUtils.toJSONString(json), KEY.publicKeys()))
                    .isInstanceOfSatisfying(ReceiptException.class, e -> assertThat(e.code()).isEqualTo(ReceiptException.BAD_SIGNATURE));
        }

        @Test
        @DisplayName("signed by another key with the same kid: bad signature; with another kid: unknown key")
        void otherKey() throws Exception {
            CheckpointKey other = CheckpointKey.of(CheckpointKey.generate());
            String foreign = Receipt.of(ISSUER, 1L, row(), 42, "c".repeat(64)).sign(other);
            assertThatThrownBy(() -> Receipt.open(foreign, KEY.publicKeys()))
                    .isInstanceOfSatisfying(ReceiptException.class, e -> assertThat(e.code()).isEqualTo(ReceiptException.UNKNOWN_KEY));
            Map<String, Object> json = JSONObjectUtils.parse(foreign);
            Map<String, Object> genuine = JSONObjectUtils.parse(receipt());
            json.put("protected", genuine.get("protected"));
            assertThatThrownBy(() -> Receipt.open(JSONObjectUtils.toJSONString(json), KEY.publicKeys()))
                    .isInstanceOfSatisfying(ReceiptException.class, e -> assertThat(e.code()).isEqualTo(ReceiptException.BAD_SIGNATURE));
        }

        @Test
        @DisplayName("a checkpoint passed as a receipt, not JSON, or a JWS without signature: malformed")
        void malformed() {
            String checkpoint = new Checkpoint(ISSUER, 1L, 42, "c".repeat(64)).sign(KEY);
            for (String bad : List.of(checkpoint, "not json", "{}", "{\"protected\":\"e30\",\"payload\":\"e30\"}")) {
                assertThatThrownBy(() -> Receipt.open(bad, KEY.publicKeys())).as(bad)
                        .isInstanceOfSatisfying(ReceiptException.class, e -> assertThat(e.code()).isEqualTo(ReceiptException.MALFORMED));
            }
        }

        @Test
        @DisplayName("an empty key set knows no key")
        void noKeys() {
            assertThatThrownBy(() -> Receipt.open(receipt(), new JWKSet()))
                    .isInstanceOfSatisfying(ReceiptException.class, e -> assertThat(e.code()).isEqualTo(ReceiptException.UNKNOWN_KEY));
        }
    }

    @Test
    @DisplayName("checkpoint keys: a private P-256 JWK only; the published set holds the public half alone")
    void keys() {
        assertThat(KEY.publicJwks()).doesNotContain("\"d\"").contains(KEY.keyId());
        assertThat(KEY.toString()).doesNotContain("\"d\"");
        assertThatThrownBy(() -> CheckpointKey.of(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CheckpointKey.of(KEY.publicJwks())).isInstanceOf(IllegalArgumentException.class);
        String publicOnly = KEY.publicKeys().getKeys().get(0).toJSONString();
        assertThatThrownBy(() -> CheckpointKey.of(publicOnly)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("private EC P-256");
    }
}
