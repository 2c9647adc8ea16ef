package vn.dinhdanh.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a Keycloak user id into a stable pseudonym for the audit log.
 *
 * <p>User ids of federated citizens embed the 12-digit personal identification number
 * ({@code f:<component>:<number>}), so they must never reach a log line. A keyed HMAC keeps
 * lines about the same citizen correlatable for whoever holds the key, and for nobody else.
 */
final class SubjectPseudonym {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 32;
    /** 16 bytes of the MAC: collision-free in practice, short enough to read in a log. */
    private static final int PSEUDONYM_BYTES = 16;

    private final SecretKeySpec key;

    private SubjectPseudonym(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** A key configured by the operator, so that pseudonyms agree across restarts and cluster nodes. */
    static SubjectPseudonym withKey(String configuredKey) {
        byte[] bytes = configuredKey.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_KEY_BYTES) {
            // The message names the rule, never the value.
            throw new IllegalArgumentException("subject-key must be at least " + MIN_KEY_BYTES + " bytes long");
        }
        return new SubjectPseudonym(bytes);
    }

    /** A fresh random key: pseudonyms then only correlate within one server's lifetime. */
    static SubjectPseudonym withRandomKey() {
        byte[] bytes = new byte[MIN_KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        return new SubjectPseudonym(bytes);
    }

    String of(String realmId, String userId) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            // The realm is part of the input: one person's pseudonyms differ between realms.
            mac.update(realmId.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            byte[] digest = mac.doFinal(userId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, PSEUDONYM_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
