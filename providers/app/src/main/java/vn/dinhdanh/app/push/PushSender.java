package vn.dinhdanh.app.push;

import org.keycloak.provider.Provider;

/**
 * Wakes the citizen's app when a login waits for its approval. Carries no personal data and nothing to
 * approve with: the app fetches the challenge itself ({@code POST /app/pending}, signed by its device key).
 * A failed push is not a failed login: the app can still fetch.
 */
public interface PushSender extends Provider {

    /** @param message which device to wake, for which challenge */
    void send(PushMessage message);
}
