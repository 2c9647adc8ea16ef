package vn.dinhdanh.app.qr;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The login page's animated QR code (as BankID's): every second a new payload
 * {@code vneid://qr-login?realm=<realm>&c=<challenge id>&t=<seconds since issue>&h=<HMAC-SHA256(secret, t)>}.
 * The per-attempt secret never leaves the server; the page fetches the current payload each second. A
 * scanned code is accepted only within {@link #MAX_AGE} of being shown, so a screenshot relayed to
 * someone else's phone goes stale. Like the chip's link, the payload names no server: the app talks to its
 * own configured dinhdanh.
 */
public final class QrLogin {

    /** How old a scanned code may be: scanning, and the app's request, take a second or two. */
    public static final Duration MAX_AGE = Duration.ofSeconds(5);
    private static final String PREFIX = "vneid://qr-login?";

    private QrLogin() {
    }

    /** What a scan carries: which realm and challenge, the second {@code t} and its code. */
    public record Scan(String realm, String challengeId, long t, String code) {
    }

    /** The payload to show at {@code now} for the QR challenge issued at {@code issuedAt} with {@code secret}. */
    public static String payload(String realm, String challengeId, byte[] secret, Instant issuedAt, Instant now) {
        long t = Math.max(0, Duration.between(issuedAt, now).toSeconds());
        return PREFIX + "realm=" + URLEncoder.encode(realm, StandardCharsets.UTF_8) + "&c=" + challengeId + "&t=" + t
                + "&h=" + code(secret, t);
    }

    /** The payload's parts, or empty when it is not a dinhdanh QR login payload. */
    public static Optional<Scan> parse(String payload) {
        if (payload == null || !payload.startsWith(PREFIX) || payload.length() > 512) {
            return Optional.empty();
        }
        Map<String, String> parts = new HashMap<>();
        try {
            for (String pair : payload.substring(PREFIX.length()).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    parts.putIfAbsent(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a malformed %-escape
        }
        String realm = parts.get("realm");
        String id = parts.get("c");
        String t = parts.get("t");
        String code = parts.get("h");
        if (realm == null || id == null || t == null || code == null || !t.matches("[0-9]{1,6}") || !code.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        return Optional.of(new Scan(realm, id, Long.parseLong(t), code));
    }

    /**
     * Whether {@code scan} shows a code of this challenge ({@code secret}):
     * the HMAC of its second. The code is compared in constant time.
     */
    public static boolean genuine(Scan scan, byte[] secret) {
        return MessageDigest.isEqual(code(secret, scan.t()).getBytes(StandardCharsets.US_ASCII),
                scan.code().getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether a genuine code was shown recently enough (its second began at most {@link #MAX_AGE} ago). */
    public static boolean fresh(Scan scan, Instant issuedAt, Instant now) {
        Instant shown = issuedAt.plusSeconds(scan.t());
        return !shown.isAfter(now.plusSeconds(1)) && !shown.plus(MAX_AGE).isBefore(now);
    }

    static String code(byte[] secret, long t) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(Long.toString(t).getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
