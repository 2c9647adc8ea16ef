package vn.dinhdanh.tracker.checkpoint;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.dinhdanh.tracker.chain.ReleaseRow;
import vn.dinhdanh.tracker.chain.Witness;

/**
 * A citizen's receipt for one release: the row's number and hash, and the checkpoint that covers it (the chain's
 * head when the receipt was issued, at or after the row), signed together by the checkpoint key. Payload of a
 * flattened JWS, {@code typ} {@value #TYPE}:
 * <pre>
 * {"iss": "https://id.example/realms/dinhdanh", "iat": 1796000000,
 *  "release": {"row": 17, "hash": "…", "time": "2026-12-05T03:00:00Z", "client": "public-portal", "channel": "token",
 *              "items": ["birthdate", "name", "sub"]},
 *  "checkpoint": {"row": 42, "hash": "…"}}
 * </pre>
 * No ID number and no pseudonym in it. Checked against the live chain, it shows a wiped, rolled-back or forked
 * chain: row 17 or 42 gone, or there with another hash.
 */
public record Receipt(String issuer, long issuedAt, long row, String hash, String time, String client, String channel,
                      List<String> items, long checkpointRow, String checkpointHash) {

    public static final String TYPE = "dinhdanh-tracker-receipt+json";

    public Receipt {
        items = List.copyOf(items);
        if (checkpointRow < row) {
            throw new IllegalArgumentException("a receipt's checkpoint covers its row");
        }
    }

    public static Receipt of(String issuer, long issuedAt, ReleaseRow row, long headSeq, String headHash) {
        return new Receipt(issuer, issuedAt, row.seq(), row.hash(), Instant.ofEpochMilli(row.time()).toString(),
                row.clientId(), row.channel(), row.items(), headSeq, headHash);
    }

    public String sign(CheckpointKey key) {
        Map<String, Object> release = Checkpoint.position(row, hash);
        release.put("time", time);
        release.put("client", client);
        release.put("channel", channel);
        release.put("items", items);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("iss", issuer);
        payload.put("iat", issuedAt);
        payload.put("release", release);
        payload.put("checkpoint", Checkpoint.position(checkpointRow, checkpointHash));
        return key.sign(TYPE, payload);
    }

    /** A receipt document, signature checked against {@code keys}. */
    public static Receipt open(String json, JWKSet keys) {
        Map<String, Object> payload = SignedDocument.open(json, TYPE, keys);
        try {
            Map<String, Object> release = JSONObjectUtils.getJSONObject(payload, "release");
            Map<String, Object> checkpoint = JSONObjectUtils.getJSONObject(payload, "checkpoint");
            return new Receipt(JSONObjectUtils.getString(payload, "iss"), JSONObjectUtils.getLong(payload, "iat"),
                    JSONObjectUtils.getLong(release, "row"), Checkpoint.hash(release), JSONObjectUtils.getString(release, "time"),
                    JSONObjectUtils.getString(release, "client"), JSONObjectUtils.getString(release, "channel"),
                    JSONObjectUtils.getStringList(release, "items"), JSONObjectUtils.getLong(checkpoint, "row"),
                    Checkpoint.hash(checkpoint));
        } catch (ParseException | RuntimeException e) {
            throw new ReceiptException(ReceiptException.MALFORMED, "the receipt's payload lacks release {row, hash, …} or checkpoint {row, hash}");
        }
    }

    /** What the live chain must still hold: the release's row and the checkpoint's. */
    public List<Witness> witnesses() {
        return List.of(Witness.receipt(row, hash, "the receipt's release"),
                Witness.receipt(checkpointRow, checkpointHash, "the receipt's checkpoint"));
    }

    @Override
    public String toString() {
        return "Receipt[row " + row + ", " + channel + ", " + client + ", checkpoint row " + checkpointRow + "]";
    }
}
