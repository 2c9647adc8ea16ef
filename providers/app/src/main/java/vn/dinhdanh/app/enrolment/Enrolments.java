package vn.dinhdanh.app.enrolment;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import vn.dinhdanh.app.device.DeviceBinding;

/**
 * Enrolling a device, in two single-use steps kept in Keycloak's single-use store (cluster-wide):
 * an enrolment code, issued in person to a citizen (the police desk, where the level-2 identity check
 * happens), which the app redeems for a WebAuthn challenge; the challenge, which the device key's
 * attestation must sign. Each is taken atomically (remove), so neither can serve twice.
 */
public final class Enrolments {

    /** Crockford base32 without I, L, O, U: easy to read out and type. */
    private static final char[] CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int CODE_LENGTH = 10; // 50 bits, single use, minutes long
    static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(5);
    private static final String CODE = "dinhdanh.app.code.";
    private static final String CHALLENGE = "dinhdanh.app.enrolment.";
    private static final String FAILURE = "dinhdanh.app.code-failure.";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SingleUseObjectProvider store;
    private final RealmModel realm;
    private final Clock clock;

    public Enrolments(KeycloakSession session, RealmModel realm, Clock clock) {
        this.store = session.singleUseObjects();
        this.realm = realm;
        this.clock = clock;
    }

    /** A code issued in person for the user {@code userId}. */
    public record Code(String code, Instant expiresAt) {
        @Override
        public String toString() {
            return "Code[expires " + expiresAt + "]"; // the code is a secret
        }
    }

    /** An enrolment under way: its id, the user, how the device will be bound, the challenge the attestation must sign. */
    public record Pending(String id, String userId, DeviceBinding binding, byte[] challenge, Instant expiresAt) {
    }

    /** The citizen's code; it is stored under the citizen, so a guess must name a citizen, and has few tries. */
    public Code issueCode(String userId, Duration lifetime) {
        char[] code = new char[CODE_LENGTH];
        for (int i = 0; i < code.length; i++) {
            code[i] = CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)];
        }
        String value = new String(code);
        store.put(CODE + realm.getId() + "." + userId + "." + value, lifetime.toSeconds(), Map.of("realm", realm.getId(), "user", userId));
        return new Code(value, clock.instant().plus(lifetime));
    }

    /** Wrong codes a citizen's enrolment tolerates in 15 minutes; then every code is refused until the slots free. */
    static final int MAX_FAILURES = 5;

    /**
     * Redeems the citizen's {@code code} (once) for a challenge; empty when the code is unknown, used or
     * expired, or when {@link #MAX_FAILURES} wrong codes were tried for this citizen in the last 15 minutes.
     */
    public Optional<Pending> redeem(String userId, String code) {
        String normalized = code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT).replace("-", "");
        if (failures(userId) >= MAX_FAILURES) {
            return Optional.empty();
        }
        Map<String, String> notes = normalized.length() == CODE_LENGTH
                && normalized.chars().allMatch(c -> new String(CODE_ALPHABET).indexOf(c) >= 0)
                ? store.remove(CODE + realm.getId() + "." + userId + "." + normalized) : null;
        if (notes == null) {
            fail(userId);
            return Optional.empty();
        }
        if (!realm.getId().equals(notes.get("realm"))) {
            return Optional.empty();
        }
        return Optional.of(start(notes.get("user"), DeviceBinding.IN_PERSON));
    }

    /** A challenge for the user {@code userId}'s new device, to be bound as {@code binding}. */
    public Pending start(String userId, DeviceBinding binding) {
        byte[] id = new byte[16];
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(challenge);
        Pending pending = new Pending(Base64.getUrlEncoder().withoutPadding().encodeToString(id), userId, binding, challenge,
                clock.instant().plus(CHALLENGE_LIFETIME));
        store.put(CHALLENGE + pending.id(), CHALLENGE_LIFETIME.toSeconds(), Map.of("realm", realm.getId(), "user",
                pending.userId(), "binding", binding.code(), "challenge", Base64.getUrlEncoder().withoutPadding().encodeToString(challenge)));
        return pending;
    }

    private int failures(String userId) {
        int taken = 0;
        for (int slot = 0; slot < MAX_FAILURES; slot++) {
            if (store.contains(FAILURE + realm.getId() + "." + userId + "." + slot)) {
                taken++;
            }
        }
        return taken;
    }

    private void fail(String userId) {
        for (int slot = 0; slot < MAX_FAILURES; slot++) {
            if (store.putIfAbsent(FAILURE + realm.getId() + "." + userId + "." + slot, 900)) {
                return;
            }
        }
    }

    /** Takes the enrolment {@code id} (once), to verify the attestation against its challenge. */
    public Optional<Pending> take(String id) {
        if (id == null || id.length() != 22) {
            return Optional.empty();
        }
        Map<String, String> notes = store.remove(CHALLENGE + id);
        if (notes == null || !realm.getId().equals(notes.get("realm"))) {
            return Optional.empty();
        }
        return Optional.of(new Pending(id, notes.get("user"), DeviceBinding.ofCode(notes.get("binding")).orElse(DeviceBinding.SESSION),
                Base64.getUrlDecoder().decode(notes.get("challenge")), null));
    }
}
