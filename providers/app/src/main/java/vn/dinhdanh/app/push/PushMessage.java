package vn.dinhdanh.app.push;

/** What a push says: a login challenge waits for device {@code credentialId} (both random ids, no personal data). */
public record PushMessage(String realm, String credentialId, String challengeId) {
}
