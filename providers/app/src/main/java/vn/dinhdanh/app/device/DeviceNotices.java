package vn.dinhdanh.app.device;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import vn.dinhdanh.app.push.PushMessage;
import vn.dinhdanh.app.push.PushSender;
import vn.dinhdanh.app.push.PushTargets;

/**
 * Tells a citizen's other devices that a device was added or removed ("a new device was added: <label>; not
 * you? remove it and call the police desk"), and records the change as an event of the citizen's audit trail
 * ({@code UPDATE_CREDENTIAL} / {@code REMOVE_CREDENTIAL}, {@code credential_type=vneid-device},
 * {@code device_notice=device_added|device_removed}, the device's binding, the reason, how many devices were told;
 * never a number, nor the label, which the citizen typed).
 *
 * <p>Each other device gets a push and keeps the latest notice for {@link #LIFETIME} in the single-use store
 * (cluster-wide), under its own credential id: the app reads it with its pending requests ({@code POST /app/pending},
 * field {@code notices}). The push carries only a random notice id, as a challenge push carries a challenge id.
 */
public final class DeviceNotices {

    /** What happened to a device of the citizen. */
    public enum Change {
        DEVICE_ADDED(EventType.UPDATE_CREDENTIAL), DEVICE_REMOVED(EventType.REMOVE_CREDENTIAL);

        private final EventType event;

        Change(EventType event) {
            this.event = event;
        }

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** How long a device keeps its latest notice when its app does not fetch it (a phone left off for weeks). */
    static final Duration LIFETIME = Duration.ofDays(30);
    private static final String NOTICE = "dinhdanh.app.notice.";
    private static final Logger LOG = Logger.getLogger(DeviceNotices.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Clock clock;

    public DeviceNotices(KeycloakSession session, RealmModel realm, Clock clock) {
        this.session = session;
        this.realm = realm;
        this.clock = clock;
    }

    /** A notice as the app shows it: what happened, to which device (its label), how it was bound, when, why. */
    public record Notice(String id, Change change, String label, String binding, String reason, String at) {

        Map<String, String> notes() {
            Map<String, String> notes = new LinkedHashMap<>();
            notes.put("id", id);
            notes.put("change", change.code());
            notes.put("label", label);
            notes.put("binding", binding);
            notes.put("reason", reason);
            notes.put("at", at);
            return notes;
        }

        /** The notice as the app API answers it. */
        public Map<String, Object> json() {
            return new LinkedHashMap<>(notes());
        }
    }

    /**
     * Device {@code deviceId} (the credential's id in Keycloak), labelled {@code label}, was just enrolled with
     * {@code binding}: every other device of the citizen is told, and the event recorded.
     */
    public void added(UserModel citizen, String deviceId, String label, DeviceBinding binding) {
        announce(citizen, deviceId, Change.DEVICE_ADDED, label, binding.code(), "enrolment");
    }

    /**
     * Device {@code removed} is gone (already removed, or about to be), for {@code reason} (a stable code: e.g.
     * {@code citizen}, {@code admin}, {@code card_lost}): every remaining device is told, and the event recorded.
     * Read the device's label and binding before removing it.
     */
    public void removed(UserModel citizen, CredentialModel removed, String reason) {
        removed(citizen, removed.getId(), removed.getUserLabel(), reason);
    }

    /** The same for a device known by its id and label only (Keycloak's own removal event, the credential gone). */
    public void removed(UserModel citizen, String deviceId, String label, String reason) {
        announce(citizen, deviceId, Change.DEVICE_REMOVED, label, DeviceBinding.of(citizen, deviceId).code(), reason);
    }

    private void announce(UserModel citizen, String deviceId, Change change, String label, String binding, String reason) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        Notice notice = new Notice(Base64.getUrlEncoder().withoutPadding().encodeToString(random), change,
                label == null ? "" : label, binding, reason == null ? "" : reason, clock.instant().toString());
        PushSender sender = session.getProvider(PushSender.class);
        int told = 0;
        for (CredentialModel other : citizen.credentialManager().getStoredCredentialsByTypeStream(DeviceCredentialProvider.TYPE).toList()) {
            if (other.getId().equals(deviceId)) {
                continue;
            }
            session.singleUseObjects().put(key(other.getId()), LIFETIME.toSeconds(), notice.notes());
            sender.send(new PushMessage(realm.getName(), DeviceCredentialProvider.data(other).getCredentialId(), notice.id(),
                    PushTargets.of(citizen, other.getId()).orElse(null)));
            told++;
        }
        new EventBuilder(realm, session, session.getContext().getConnection()).event(change.event).user(citizen)
                .detail("credential_type", DeviceCredentialProvider.TYPE).detail("device_notice", change.code())
                .detail("device_binding", binding).detail("reason", notice.reason())
                .detail("devices_told", String.valueOf(told)).success();
        LOG.infof("app: %s (%s binding, %s), %d other device(s) told", change.code(), binding, notice.reason(), told);
    }

    /** The latest notice for device {@code deviceId} (the credential's id in Keycloak), if one is kept. */
    public Optional<Notice> latest(String deviceId) {
        Map<String, String> notes = session.singleUseObjects().get(key(deviceId));
        if (notes == null || notes.get("id") == null) {
            return Optional.empty();
        }
        Change change = "device_removed".equals(notes.get("change")) ? Change.DEVICE_REMOVED : Change.DEVICE_ADDED;
        return Optional.of(new Notice(notes.get("id"), change, notes.get("label"), notes.get("binding"), notes.get("reason"),
                notes.get("at")));
    }

    private String key(String deviceId) {
        return NOTICE + realm.getId() + "." + deviceId;
    }
}
