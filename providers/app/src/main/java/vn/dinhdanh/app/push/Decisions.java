package vn.dinhdanh.app.push;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * What the device key signs to decide a push challenge: WebAuthn's {@code challenge} is
 * SHA-256("dinhdanh push decision" || 0 || challenge || decision || number), so the signature covers the
 * decision and the number the citizen picked, not only the challenge. The app and the server compute it
 * alike (the sandbox's phone calls this very method).
 */
public final class Decisions {

    private static final byte[] CONTEXT = "dinhdanh push decision\0".getBytes(StandardCharsets.US_ASCII);

    private Decisions() {
    }

    /** @param decision "approve" or "deny"; @param number the number picked (0 with "deny") */
    public static byte[] signedChallenge(byte[] challenge, String decision, int number) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(CONTEXT);
            sha256.update(challenge);
            sha256.update(decision.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
            sha256.update(ByteBuffer.allocate(4).putInt(number).array());
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 of {@code data} (an App Attest key's clientDataHash of an enrolment challenge). */
    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the app signs to fetch its pending challenges: the credential id and the time, in milliseconds. */
    public static byte[] pendingRequest(String credentialId, long timestamp) {
        return ("dinhdanh push pending\n" + credentialId + "\n" + timestamp).getBytes(StandardCharsets.US_ASCII);
    }

    /** What the app signs to register where its device receives pushes: the credential id, the time, the platform, the token. */
    public static byte[] pushTokenRequest(String credentialId, long timestamp, String platform, String token) {
        return ("dinhdanh push token\n" + credentialId + "\n" + timestamp + "\n" + platform + "\n" + token).getBytes(StandardCharsets.UTF_8);
    }

    /** What the app signs to claim a QR code it scanned: the credential id, the time and the payload as scanned. */
    public static byte[] scanRequest(String credentialId, long timestamp, String payload) {
        return ("dinhdanh qr scan\n" + credentialId + "\n" + timestamp + "\n" + payload).getBytes(StandardCharsets.UTF_8);
    }
}
