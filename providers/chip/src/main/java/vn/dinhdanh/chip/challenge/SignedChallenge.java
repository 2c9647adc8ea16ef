package vn.dinhdanh.chip.challenge;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * A challenge that carries itself: its id is {@code version || expiry || nonce || MAC}, the MAC (HMAC-SHA256,
 * 128 bits) under the realm's HMAC key and bound to the realm. Issuing one stores nothing, so anonymous
 * callers cannot fill the cluster's store by asking for challenges; only an answered one leaves a trace (its
 * used-marker, for single use). Pure: the key is the caller's.
 */
final class SignedChallenge {

    private static final byte VERSION = 1;
    private static final int MAC_BYTES = 16;
    private static final int BYTES = 1 + Long.BYTES + ChipChallenges.NONCE_BYTES + MAC_BYTES;
    /** Base64url without padding of {@link #BYTES} bytes. */
    static final int ID_LENGTH = (BYTES * 4 + 2) / 3;
    private static final byte[] CONTEXT = "dinhdanh chip challenge\0".getBytes(StandardCharsets.US_ASCII);

    private SignedChallenge() {
    }

    static String id(SecretKey key, String realmId, byte[] nonce, Instant expiresAt) {
        ByteBuffer body = ByteBuffer.allocate(BYTES);
        body.put(VERSION).putLong(expiresAt.toEpochMilli()).put(nonce);
        body.put(mac(key, realmId, Arrays.copyOf(body.array(), BYTES - MAC_BYTES)));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(body.array());
    }

    /** The challenge {@code id} names, when {@code key} made it for {@code realmId}; empty otherwise. */
    static Optional<ChipChallenge> open(SecretKey key, String realmId, String id) {
        if (id == null || id.length() != ID_LENGTH) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length != BYTES || bytes[0] != VERSION) {
            return Optional.empty();
        }
        byte[] signed = Arrays.copyOf(bytes, BYTES - MAC_BYTES);
        // Constant time: a MAC compared byte by byte would tell a forger how much of it is right.
        if (!MessageDigest.isEqual(mac(key, realmId, signed), Arrays.copyOfRange(bytes, BYTES - MAC_BYTES, BYTES))) {
            return Optional.empty();
        }
        ByteBuffer body = ByteBuffer.wrap(signed, 1, signed.length - 1);
        Instant expiresAt = Instant.ofEpochMilli(body.getLong());
        byte[] nonce = new byte[ChipChallenges.NONCE_BYTES];
        body.get(nonce);
        return Optional.of(new ChipChallenge(id, nonce, expiresAt, null));
    }

    static boolean shaped(String id) {
        return id != null && id.length() == ID_LENGTH;
    }

    private static byte[] mac(SecretKey key, String realmId, byte[] signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(CONTEXT);
            mac.update(realmId.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Arrays.copyOf(mac.doFinal(signed), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
