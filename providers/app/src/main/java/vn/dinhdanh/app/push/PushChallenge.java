package vn.dinhdanh.app.push;

import java.time.Instant;
import java.util.List;

/**
 * A login waiting for the citizen's approval in the app: the 32-byte challenge the device key signs, the
 * two-digit number the browser shows, the three numbers the app offers (one of them that one), what the
 * app shows the citizen (the relying party, the data items asked for), and the login it belongs to.
 */
public record PushChallenge(String id, String userId, String loginSession, byte[] challenge, int number,
                            List<Integer> choices, String client, String scope, Instant expiresAt) {

    @Override
    public String toString() {
        return "PushChallenge[" + id + ", expires " + expiresAt + "]";
    }
}
