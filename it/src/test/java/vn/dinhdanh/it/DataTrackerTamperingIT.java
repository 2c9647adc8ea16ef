package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.dinhdanh.it.support.AuditCli;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.PublicPortal;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.it.support.TrackedCitizen;
import vn.dinhdanh.it.support.TrackerChecks;
import vn.dinhdanh.it.support.TrackerTables;
import vn.dinhdanh.sandbox.LocalHttp;

/**
 * Tampering in PostgreSQL, as a database administrator would, is named by the Keycloak-free verifier, the admin
 * endpoint and {@code ./dinhdanh audit verify}. Each test releases its own citizen's data, tampers, and puts the
 * table back as it was (intact again).
 */
@ExtendWith(DinhdanhServerExtension.class)
class DataTrackerTamperingIT {

    /** A citizen whose code flow and userinfo answer are rows of the chain. */
    private static TrackedCitizen released(ServerUnderTest server) {
        TrackedCitizen citizen = TrackedCitizen.fresh(server);
        citizen.userinfo(citizen.codeFlow());
        return citizen;
    }

    private static long first(TrackedCitizen citizen, String channel) {
        return citizen.rows().stream().filter(r -> r.client().equals(PublicPortal.CLIENT_ID) && r.channel().equals(channel))
                .findFirst().orElseThrow().seq();
    }

    @Test
    @DisplayName("intact: every check passes; the chain started at the server's first start carries its MAC")
    void intact(ServerUnderTest server) {
        TrackedCitizen citizen = released(server);
        TrackerChecks.assertIntact(server, citizen.rows().size());
        AuditCli.Result cli = AuditCli.verify(server);
        assertThat(cli.exit()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("intact");
        assertThat(new TrackerTables(server).head().headMac()).as("the head is MACed").hasSize(64);
    }

    @Test
    @DisplayName("an edited row: first bad row named (row_edited), exit 1; restored, intact again")
    void editedRow(ServerUnderTest server) {
        TrackedCitizen citizen = released(server);
        TrackerTables tables = new TrackerTables(server);
        long seq = first(citizen, "userinfo");
        String original = tables.scalar("SELECT items FROM dd_data_release WHERE seq = " + seq);
        // A change whatever the row held (a userinfo answer may be just "sub"): as if the number had not been released.
        tables.execute("UPDATE dd_data_release SET items = items || ',id_number' WHERE seq = " + seq);
        try {
            TrackerChecks.assertBroken(server, seq, "row_edited");
            AuditCli.Result cli = AuditCli.verify(server);
            assertThat(cli.exit()).isEqualTo(1);
            assertThat(cli.err()).contains("BROKEN at row " + seq, "row_edited");
        } finally {
            tables.execute("UPDATE dd_data_release SET items = '" + original + "' WHERE seq = " + seq);
        }
        TrackerChecks.assertIntact(server, citizen.rows().size());
    }

    @Test
    @DisplayName("a deleted row: the gap named (row_deleted); put back, intact again")
    void deletedRow(ServerUnderTest server) {
        TrackedCitizen citizen = released(server);
        TrackerTables tables = new TrackerTables(server);
        long seq = first(citizen, "token");
        TrackerTables.Snapshot saved = tables.snapshotAfter(seq - 1);
        tables.execute("DELETE FROM dd_data_release WHERE seq = " + seq);
        try {
            TrackerChecks.assertBroken(server, seq, "row_deleted");
        } finally {
            tables.restore(saved);
        }
        TrackerChecks.assertIntact(server, citizen.rows().size());
    }

    @Test
    @DisplayName("a row inserted after the last: named (row_inserted); removed, intact again")
    void insertedRow(ServerUnderTest server) {
        TrackedCitizen citizen = released(server);
        TrackerTables tables = new TrackerTables(server);
        TrackerTables.Head head = tables.head();
        tables.execute("INSERT INTO dd_data_release (seq, released_at, realm_id, client_id, subject, channel, items, loa, acr, method, prev_hash, row_hash)"
                + " VALUES (" + (head.seq() + 1) + ", 0, 'x', 'bank-online', '" + citizen.subject() + "', 'token', 'sub', '2', null, 'chip', '"
                + head.rowHash() + "', '" + "ab".repeat(32) + "')");
        try {
            TrackerChecks.assertBroken(server, head.seq() + 1, "row_inserted");
        } finally {
            tables.execute("DELETE FROM dd_data_release WHERE seq = " + (head.seq() + 1));
        }
        TrackerChecks.assertIntact(server, citizen.rows().size());
    }

    @Test
    @DisplayName("the last row deleted: named (tail_deleted) thanks to the head; put back, intact again")
    void tailDeleted(ServerUnderTest server) {
        TrackedCitizen citizen = released(server);
        TrackerTables tables = new TrackerTables(server);
        long head = tables.head().seq();
        TrackerTables.Snapshot saved = tables.snapshotAfter(head - 1);
        tables.execute("DELETE FROM dd_data_release WHERE seq = " + head);
        try {
            TrackerChecks.assertBroken(server, head, "tail_deleted");
        } finally {
            tables.restore(saved);
        }
        TrackerChecks.assertIntact(server, citizen.rows().size());
    }

    @Test
    @DisplayName("wiped as a DBA would (every row deleted, head reset to row 0, zeros, no MAC, no key check): broken, not"
            + " 'intact, 0 rows'; no release, checkpoint or receipt until it is put back")
    void wiped(ServerUnderTest server) throws Exception {
        TrackedCitizen citizen = TrackedCitizen.fresh(server);
        TrackedCitizen.Tokens tokens = citizen.codeFlow();
        TrackerTables tables = new TrackerTables(server);
        TrackerTables.Snapshot saved = tables.snapshotAfter(0);
        tables.execute("DELETE FROM dd_data_release");
        tables.execute("UPDATE dd_data_release_head SET seq = 0, row_hash = '" + "0".repeat(64) + "', head_mac = NULL, key_check = NULL");
        try {
            TrackerChecks.assertBroken(server, 0, "head_invalid");
            AuditCli.Result cli = AuditCli.verify(server);
            assertThat(cli.exit()).as(cli.out()).isEqualTo(1);
            assertThat(cli.err()).contains("BROKEN", "head_invalid", "no MAC");

            HttpResponse<String> checkpoint = LocalHttp.client().send(HttpRequest.newBuilder(
                    URI.create(server.realmUrl() + "/data-tracker/checkpoint")).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(checkpoint.statusCode()).isEqualTo(409);
            assertThat(checkpoint.body()).contains("\"error\":\"chain_broken\"");

            // The server does not extend (and so re-MAC) a head it did not write: the release fails, nothing is recorded.
            assertThat(citizen.refresh(tokens).statusCode()).isNotEqualTo(200);
            assertThat(tables.scalar("SELECT count(*) FROM dd_data_release")).isEqualTo("0");
            assertThat(tables.head().headMac()).isNull();
        } finally {
            tables.restore(saved);
        }
        TrackerChecks.assertIntact(server, citizen.rows().size());
        // The refused refresh spent its refresh token (they rotate, one use each): the login's access token releases again.
        long before = citizen.rows().size();
        citizen.userinfo(tokens);
        assertThat(citizen.rows()).as("releases resume once the chain is put back").hasSize((int) before + 1);
    }
}
