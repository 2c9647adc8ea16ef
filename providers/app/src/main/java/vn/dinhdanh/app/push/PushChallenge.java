package vn.dinhdanh.app.push;

import java.time.Instant;
import java.util.List;

/**
 * A request waiting for the citizen's approval in the app: the 32-byte challenge the device key signs, what
 * the app shows the citizen (the relying party, the data items asked for, the assurance level asked for, a CIBA
 * binding message), and what
 * it belongs to.
 *
 * <ul>
 *   <li>{@link Kind#PUSH}: a browser login sent to a known citizen; the browser shows a two-digit
 *       {@code number}, the app offers three {@code choices} (one of them that one);</li>
 *   <li>{@link Kind#QR}: a browser login shown as a rotating QR code ({@code qrSecret}, from {@code issuedAt});
 *       no citizen ({@code userId} empty) until an app scans it, no number (the citizen sees the screen);</li>
 *   <li>{@link Kind#CIBA}: a relying party's back-channel request ({@code cibaRequest}: Keycloak's auth result
 *       id), with the {@code bindingMessage} the relying party also shows; no number.</li>
 * </ul>
 */
public record PushChallenge(String id, Kind kind, String userId, String loginSession, byte[] challenge, int number,
                            List<Integer> choices, String client, String scope, String acrValues, String bindingMessage,
                            byte[] qrSecret, String cibaRequest, Instant issuedAt, Instant expiresAt) {

    public enum Kind { PUSH, QR, CIBA }

    /** Whether a citizen has this challenge (a QR code has none until scanned). */
    public boolean bound() {
        return userId != null && !userId.isEmpty();
    }

    @Override
    public String toString() {
        return "PushChallenge[" + id + ", " + kind + ", expires " + expiresAt + "]";
    }
}
