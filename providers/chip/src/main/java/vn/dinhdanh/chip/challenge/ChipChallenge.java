package vn.dinhdanh.chip.challenge;

import java.time.Instant;
import java.util.Base64;

/**
 * A challenge this server issued: a random id (how callers name it) and the 8 random bytes the chip must
 * sign in INTERNAL AUTHENTICATE. {@code loginSession} is set when a browser login waits for it: the
 * verification's outcome is then kept for that login to pick up.
 */
public record ChipChallenge(String id, byte[] nonce, Instant expiresAt, String loginSession) {

    public String nonceBase64() {
        return Base64.getEncoder().encodeToString(nonce);
    }

    public boolean forLogin() {
        return loginSession != null;
    }

    @Override
    public String toString() {
        return "ChipChallenge[" + id + ", expires " + expiresAt + (forLogin() ? ", login" : "") + "]";
    }
}
