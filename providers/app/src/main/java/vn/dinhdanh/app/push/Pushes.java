package vn.dinhdanh.app.push;

import java.util.List;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import vn.dinhdanh.app.api.AppSettings;
import vn.dinhdanh.app.device.DeviceCredentialProvider;
import vn.dinhdanh.app.options.AppOptions;

/** What the logins that ask the app share: the app's options, the citizen's devices, a push to each. */
public final class Pushes {

    private final KeycloakSession session;
    private final AppSettings settings;

    private Pushes(KeycloakSession session, AppSettings settings) {
        this.session = session;
        this.settings = settings;
    }

    /** The app's options ({@link AppOptions}, SPI {@code dinhdanh-app}) and this session's push sender. */
    public static Pushes of(KeycloakSession session) {
        return new Pushes(session, AppOptions.of(session).settings());
    }

    public AppSettings settings() {
        return settings;
    }

    public List<CredentialModel> devices(UserModel citizen) {
        return citizen.credentialManager().getStoredCredentialsByTypeStream(DeviceCredentialProvider.TYPE).toList();
    }

    /**
     * Wakes each of the citizen's {@code devices} (as {@link #devices} read them) for {@code challenge} (the app
     * fetches it; a lost push loses nothing).
     */
    public void send(RealmModel realm, UserModel citizen, List<CredentialModel> devices, PushChallenge challenge) {
        PushSender sender = session.getProvider(PushSender.class);
        // Meter dinhdanh_push_sent_total{kind} in Keycloak's registry (docs/operations.md "Metrics").
        io.micrometer.core.instrument.Metrics.counter("dinhdanh.push.sent", "kind",
                challenge.kind().name().toLowerCase(java.util.Locale.ROOT)).increment();
        for (CredentialModel device : devices) {
            String credentialId = DeviceCredentialProvider.data(device).getCredentialId();
            sender.send(new PushMessage(realm.getName(), credentialId, challenge.id(),
                    PushTargets.of(citizen, device.getId()).orElse(null)));
        }
    }

    /** How the app names the relying party: its display name, else its client id. */
    public static String clientName(ClientModel client) {
        return client.getName() != null && !client.getName().isBlank() ? client.getName() : client.getClientId();
    }
}
