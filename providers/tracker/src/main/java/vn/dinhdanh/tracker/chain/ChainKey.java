package vn.dinhdanh.tracker.chain;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tracker's secret and everything computed with it: row hashes, the head's MAC, citizens' pseudonyms.
 *
 * <p>Why a keyed MAC and not a plain SHA-256 chain: whoever can write the table (a DBA, an attacker with the
 * database password) could recompute every SHA-256 after editing a row, and the chain would verify. With an
 * HMAC they cannot without the key, which lives outside the database (a Keycloak option, from a keystore or
 * the environment). Two sub-keys are derived from the one secret, so that a pseudonym never equals a MAC input
 * of the chain and the operator manages one secret.
 */
public final class ChainKey {

    public static final int MIN_SECRET_BYTES = 32;
    /** The "previous hash" of row 1. */
    public static final String GENESIS = "0".repeat(64);
    private static final String ALGORITHM = "HmacSHA256";
    private static final String VERSION = "dinhdanh-tracker-v1";
    /** 16 bytes of MAC: collision-free in practice, short enough for an index. */
    private static final int PSEUDONYM_BYTES = 16;

    private final SecretKeySpec chain;
    private final SecretKeySpec pseudonyms;

    private ChainKey(byte[] secret) {
        this.chain = new SecretKeySpec(mac(new SecretKeySpec(secret, ALGORITHM), "chain".getBytes(StandardCharsets.UTF_8)), ALGORITHM);
        this.pseudonyms = new SecretKeySpec(mac(new SecretKeySpec(secret, ALGORITHM), "pseudonym".getBytes(StandardCharsets.UTF_8)), ALGORITHM);
    }

    /** The configured secret; the exception names the rule, never the value. */
    public static ChainKey of(String secret) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the data tracker key must be at least " + MIN_SECRET_BYTES + " bytes long");
        }
        return new ChainKey(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** The row's hash: HMAC over the previous hash and the row's fields, each length-prefixed (no ambiguity). */
    public String rowHash(ReleaseRow row, long seq, String prevHash) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        field(out, VERSION);
        field(out, prevHash);
        field(out, Long.toString(seq));
        field(out, Long.toString(row.time()));
        field(out, row.realmId());
        field(out, row.clientId());
        field(out, row.subject());
        field(out, row.channel());
        field(out, row.itemsColumn());
        field(out, row.loa());
        field(out, row.acr());
        field(out, row.method());
        return hex(mac(chain, out.toByteArray()));
    }

    /** {@code row} as the next link after {@code prevSeq}/{@code prevHash}. */
    public ReleaseRow link(ReleaseRow row, long prevSeq, String prevHash) {
        long seq = prevSeq + 1;
        return row.linked(seq, prevHash, rowHash(row, seq, prevHash));
    }

    public String headMac(long seq, String hash) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        field(out, VERSION + "-head");
        field(out, Long.toString(seq));
        field(out, hash);
        return hex(mac(chain, out.toByteArray()));
    }

    /** Tells which key wrote a chain without revealing it: verifying with the wrong key is a distinct error. */
    public String keyCheck() {
        return hex(mac(chain, (VERSION + "-key-check").getBytes(StandardCharsets.UTF_8)));
    }

    /** The citizen's pseudonym in one realm (the realm is part of the input: one person, other realms, other names). */
    public String pseudonym(String realmId, String userId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        field(out, realmId);
        field(out, userId);
        return HexFormat.of().formatHex(mac(pseudonyms, out.toByteArray()), 0, PSEUDONYM_BYTES);
    }

    /** Constant-time comparison of two hex MACs. */
    public static boolean same(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    private static void field(ByteArrayOutputStream out, String value) {
        if (value == null) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

    private static byte[] mac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public String toString() {
        return "ChainKey[check " + keyCheck().substring(0, 8) + "]";
    }
}
