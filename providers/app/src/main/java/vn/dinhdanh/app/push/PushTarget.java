package vn.dinhdanh.app.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Where a device receives pushes: its platform and the token the platform gave the app (an FCM registration
 * token or an APNs device token). The token identifies the device: it is never logged, and {@link #toString()}
 * shows only a short hash of it.
 */
public record PushTarget(Platform platform, String token) {

    public enum Platform { FCM, APNS }

    public PushTarget {
        Objects.requireNonNull(platform, "platform");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a push target needs a token");
        }
    }

    /** The first 4 bytes of SHA-256(token), in hex: enough to tell two devices apart in a log, not to find one. */
    public String tokenHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "PushTarget[" + platform + ", token #" + tokenHash() + "]";
    }
}
