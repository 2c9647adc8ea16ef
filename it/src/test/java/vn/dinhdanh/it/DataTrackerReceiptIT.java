package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import vn.dinhdanh.it.support.AuditCli;
import vn.dinhdanh.it.support.Browser;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.it.support.TrackedCitizen;
import vn.dinhdanh.it.support.TrackerChecks;
import vn.dinhdanh.it.support.TrackerTables;
import vn.dinhdanh.sandbox.LocalHttp;
import vn.dinhdanh.tracker.checkpoint.CheckpointKey;
import vn.dinhdanh.tracker.checkpoint.Receipt;

/**
 * Receipts and checkpoints: a citizen downloads the receipt of a release from the page in Chromium and checks it
 * with {@code ./dinhdanh audit verify --receipt} against the live chain; a checkpoint verifies with nothing but the
 * published keys; a receipt altered or signed elsewhere is refused (exit 3); a chain rolled back or forked by the
 * database administrator contradicts the receipt (exit 1), though it verifies on its own. Each test releases its
 * own citizen's data and puts the table back.
 */
@ExtendWith(DinhdanhServerExtension.class)
class DataTrackerReceiptIT {

    @TempDir
    Path files;

    /** The receipt of the citizen's newest release, downloaded from the page in Chromium. */
    private static String newestReceipt(ServerUnderTest server, TrackedCitizen citizen) {
        try (Browser browser = Browser.open("vi")) {
            browser.open(URI.create(server.realmUrl() + "/data-tracker/"));
            browser.signIn(citizen.number(), citizen.password());
            browser.waitFor(By.cssSelector("a.dinhdanh-tracker-receipt"));
            String href = browser.driver().findElement(By.cssSelector("#dinhdanh-tracker-releases a.dinhdanh-tracker-receipt")).getAttribute("href");
            String answer = DataTrackerPageIT.fetch(browser, href);
            assertThat(answer).as(href).startsWith("200\n");
            return answer.substring(4);
        }
    }

    private JWKSet publishedKeys(ServerUnderTest server) throws Exception {
        return JWKSet.parse(get(server, "/data-tracker/checkpoint-keys").body());
    }

    private static HttpResponse<String> get(ServerUnderTest server, String path) throws Exception {
        return LocalHttp.client().send(HttpRequest.newBuilder(URI.create(server.realmUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private Path save(String name, String content) throws Exception {
        return Files.writeString(files.resolve(name), content);
    }

    @Test
    @DisplayName("a receipt downloaded from the page names the citizen's newest row and hash, and is confirmed by audit verify --receipt")
    void receiptConfirmed(ServerUnderTest server) throws Exception {
        TrackedCitizen citizen = TrackedCitizen.fresh(server);
        citizen.userinfo(citizen.codeFlow());
        String json = newestReceipt(server, citizen);
        Receipt receipt = Receipt.open(json, publishedKeys(server));
        List<TrackerTables.Row> rows = citizen.rows();
        TrackerTables.Row newest = rows.get(rows.size() - 1);
        assertThat(receipt.row()).isEqualTo(newest.seq());
        assertThat(receipt.hash()).isEqualTo(new TrackerTables(server).scalar("SELECT row_hash FROM dd_data_release WHERE seq = " + newest.seq()));
        assertThat(receipt.channel()).isEqualTo("userinfo");
        assertThat(receipt.checkpointRow()).isGreaterThanOrEqualTo(receipt.row());
        assertThat(receipt.issuer()).isEqualTo(server.realmUrl().toString());
        assertThat(json).doesNotContain(citizen.number(), citizen.subject());

        AuditCli.Result cli = AuditCli.verifyReceipt(server, save("receipt.json", json));
        assertThat(cli.exit()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("intact");
    }

    @Test
    @DisplayName("the published checkpoint is a flattened JWS (ES256) that verifies with the published keys alone, at the head")
    void checkpointVerifiesWithPublishedKeys(ServerUnderTest server) throws Exception {
        TrackedCitizen citizen = TrackedCitizen.fresh(server);
        citizen.codeFlow();
        HttpResponse<String> answer = get(server, "/data-tracker/checkpoint");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Map<String, Object> flattened = JSONObjectUtils.parse(answer.body());
        JWSObject jws = new JWSObject(new Base64URL((String) flattened.get("protected")), new Base64URL((String) flattened.get("payload")),
                new Base64URL((String) flattened.get("signature")));
        ECKey key = (ECKey) publishedKeys(server).getKeyByKeyId(jws.getHeader().getKeyID());
        assertThat(key).isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(jws.verify(new ECDSAVerifier(key))).isTrue();
        Map<String, Object> chain = JSONObjectUtils.getJSONObject(jws.getPayload().toJSONObject(), "chain");
        TrackerTables.Head head = new TrackerTables(server).head();
        assertThat(JSONObjectUtils.getLong(chain, "row")).isEqualTo(head.seq());
        assertThat(JSONObjectUtils.getString(chain, "hash")).isEqualTo(head.rowHash());

        AuditCli.Result cli = AuditCli.verifyReceipt(server, save("checkpoint.json", answer.body()));
        assertThat(cli.exit()).as(cli.err()).isZero();
    }

    @Test
    @DisplayName("a receipt altered, or signed by another key, is not genuine (exit 3); another citizen's row or a bad row number is refused")
    void receiptRefused(ServerUnderTest server) throws Exception {
        TrackedCitizen citizen = TrackedCitizen.fresh(server);
        citizen.codeFlow();
        String json = newestReceipt(server, citizen);
        Map<String, Object> flattened = JSONObjectUtils.parse(json);
        String payload = new Base64URL((String) flattened.get("payload")).decodeToString();
        String otherHash = "0".repeat(63) + "1";
        flattened.put("payload", Base64URL.encode(payload.replaceFirst("\"hash\":\"[0-9a-f]{64}\"", "\"hash\":\"" + otherHash + "\"")).toString());
        AuditCli.Result altered = AuditCli.verifyReceipt(server, save("altered.json", JSONObjectUtils.toJSONString(flattened)));
        assertThat(altered.exit()).as(altered.out()).isEqualTo(3);
        assertThat(altered.err()).contains("not genuine", "receipt_bad_signature");

        Receipt genuine = Receipt.open(json, publishedKeys(server));
        String foreign = genuine.sign(CheckpointKey.of(CheckpointKey.generate()));
        AuditCli.Result signedElsewhere = AuditCli.verifyReceipt(server, save("foreign.json", foreign));
        assertThat(signedElsewhere.exit()).isEqualTo(3);
        assertThat(signedElsewhere.err()).contains("receipt_unknown_key");

        AuditCli.Result garbage = AuditCli.verifyReceipt(server, save("garbage.json", "{\"hello\": 1}"));
        assertThat(garbage.exit()).isEqualTo(2);

        TrackedCitizen other = TrackedCitizen.fresh(server);
        long othersRow = genuine.row();
        try (Browser browser = Browser.open("vi")) {
            browser.open(URI.create(server.realmUrl() + "/data-tracker/"));
            browser.signIn(other.number(), other.password());
            browser.waitFor(By.id("dinhdanh-data-tracker"));
            assertThat(DataTrackerPageIT.fetch(browser, server.realmUrl() + "/data-tracker/receipt?row=" + othersRow))
                    .startsWith("404\n").contains("Không tìm thấy biên nhận này");
            assertThat(DataTrackerPageIT.fetch(browser, server.realmUrl() + "/data-tracker/receipt?row=abc")).startsWith("400\n");
        }
        assertThat(get(server, "/data-tracker/receipt?row=" + othersRow).statusCode()).as("no session").isEqualTo(401);
    }

    @Test
    @DisplayName("rolled back to an earlier copy, head included: intact on its own, contradicted by the receipt (rolled_back, exit 1)")
    void rollbackContradictsTheReceipt(ServerUnderTest server) throws Exception {
        TrackerTables tables = new TrackerTables(server);
        TrackedCitizen citizen = TrackedCitizen.fresh(server);
        TrackerTables.Head copied = tables.head();
        citizen.userinfo(citizen.codeFlow());
        Path receipt = save("receipt.json", newestReceipt(server, citizen));
        TrackerTables.Snapshot saved = tables.snapshotAfter(copied.seq());
        tables.execute("DELETE FROM dd_data_release WHERE seq > " + copied.seq());
        tables.setHead(copied);
        try {
            TrackerChecks.assertIntact(server, copied.seq());
            assertThat(AuditCli.verify(server).exit()).as("valid on its own").isZero();
            AuditCli.Result cli = AuditCli.verifyReceipt(server, receipt);
            assertThat(cli.exit()).as(cli.out()).isEqualTo(1);
            assertThat(cli.err()).contains("BROKEN", "rolled_back", "the receipt's release");
        } finally {
            tables.restore(saved);
        }
        TrackerChecks.assertIntact(server, copied.seq());
        assertThat(AuditCli.verifyReceipt(server, receipt).exit()).as("put back: confirmed again").isZero();
    }

    @Test
    @DisplayName("rolled back and written on (a fork): intact on its own, contradicted by the receipt (forked, exit 1)")
    void forkContradictsTheReceipt(ServerUnderTest server) throws Exception {
        TrackerTables tables = new TrackerTables(server);
        TrackedCitizen citizen = TrackedCitizen.fresh(server);
        TrackerTables.Head copied = tables.head();
        TrackedCitizen.Tokens tokens = citizen.codeFlow();
        citizen.userinfo(tokens);
        String json = newestReceipt(server, citizen);
        Receipt receipt = Receipt.open(json, publishedKeys(server));
        TrackerTables.Snapshot saved = tables.snapshotAfter(copied.seq());
        tables.execute("DELETE FROM dd_data_release WHERE seq > " + copied.seq());
        tables.setHead(copied);
        try {
            // The server writes on from the copied head: new rows take the receipt's numbers with other hashes.
            citizen.refreshed(tokens, (int) (receipt.checkpointRow() - copied.seq()));
            assertThat(tables.head().seq()).isGreaterThanOrEqualTo(receipt.checkpointRow());
            TrackerChecks.assertIntact(server, receipt.checkpointRow());
            AuditCli.Result cli = AuditCli.verifyReceipt(server, save("receipt.json", json));
            assertThat(cli.exit()).as(cli.out()).isEqualTo(1);
            assertThat(cli.err()).contains("BROKEN at row " + receipt.row(), "forked");
        } finally {
            tables.restore(saved);
        }
        TrackerChecks.assertIntact(server, copied.seq());
    }
}
