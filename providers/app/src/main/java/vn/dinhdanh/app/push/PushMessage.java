package vn.dinhdanh.app.push;

/**
 * What a push says: a login challenge waits for device {@code credentialId} (both random ids, no personal data),
 * and where that device receives pushes ({@code target}; null when it registered no push token: then nothing is
 * sent and the app finds the challenge when it fetches).
 */
public record PushMessage(String realm, String credentialId, String challengeId, PushTarget target) {

    /** A message for a device without a push target. */
    public PushMessage(String realm, String credentialId, String challengeId) {
        this(realm, credentialId, challengeId, null);
    }
}
