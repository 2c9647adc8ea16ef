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
import vn.dinhdanh.app.limit.SlotLimit;

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

    /**
     * An enrolment under way: its id, the user, how the device will be bound, the challenge the attestation must sign,
     * the label the device must carry (the one the approving phone showed when moving to a new phone; null: any), and
     * the registry card a device bound by a level-2 login follows ({@code FollowedCard}; null: none).
     */
    public record Pending(String id, String userId, DeviceBinding binding, byte[] challenge, Instant expiresAt, String label,
                          String card) {
    }

    /** The citizen's code; it is stored under the citizen, so a guess must name a citizen. */
    public Code issueCode(String userId, Duration lifetime) {
        char[] code = new char[CODE_LENGTH];
        for (int i = 0; i < code.length; i++) {
            code[i] = CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)];
        }
        String value = new String(code);
        store.put(CODE + realm.getId() + "." + userId + "." + value, lifetime.toSeconds(), Map.of("realm", realm.getId(), "user", userId));
        return new Code(value, clock.instant().plus(lifetime));
    }

    /** Wrong codes one source address may send in {@link #FAILURE_WINDOW} before its wrong codes get {@code too_many_attempts}. */
    static final int MAX_FAILURES_PER_SOURCE = 10;
    /** Wrong codes for one citizen, from anywhere, in {@link #FAILURE_WINDOW} before they get {@code too_many_attempts}. */
    static final int MAX_FAILURES_PER_CITIZEN = 20;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);

    /** What became of a code sent for a citizen. */
    public enum Outcome { REDEEMED, WRONG, TOO_MANY }

    /** A redemption: the outcome and, when {@link Outcome#REDEEMED}, the enrolment it starts. */
    public record Redemption(Outcome outcome, Optional<Pending> pending) {
    }

    /**
     * Redeems the citizen's {@code code} (once) for a challenge, for a request from {@code source} (its network address).
     * A correct, unexpired code is always redeemed, whatever was tried before: wrong codes from anyone never lock the
     * citizen out of the code the police desk just issued. Wrong codes are counted by source and by citizen (each a
     * sliding window of single-use slots, cluster-wide); past either budget they are answered {@link Outcome#TOO_MANY}
     * instead of {@link Outcome#WRONG}. Guessing stays out of reach by the code itself: 50 random bits, single use,
     * living minutes to hours. {@code userId} null (no such citizen) is a wrong code, counted for the source.
     */
    public Redemption redeem(String userId, String code, String source) {
        String normalized = code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT).replace("-", "");
        Map<String, String> notes = userId != null && normalized.length() == CODE_LENGTH
                && normalized.chars().allMatch(c -> new String(CODE_ALPHABET).indexOf(c) >= 0)
                ? store.remove(CODE + realm.getId() + "." + userId + "." + normalized) : null;
        if (notes != null && realm.getId().equals(notes.get("realm"))) {
            return new Redemption(Outcome.REDEEMED, Optional.of(start(notes.get("user"), DeviceBinding.IN_PERSON)));
        }
        boolean sourceWithin = fail("source." + (source == null ? "unknown" : source), MAX_FAILURES_PER_SOURCE);
        boolean citizenWithin = userId == null || fail("user." + userId, MAX_FAILURES_PER_CITIZEN);
        return new Redemption(sourceWithin && citizenWithin ? Outcome.WRONG : Outcome.TOO_MANY, Optional.empty());
    }

    /** A challenge for the user {@code userId}'s new device, to be bound as {@code binding}. */
    public Pending start(String userId, DeviceBinding binding) {
        return start(userId, binding, null, null);
    }

    /**
     * The same, for a device that must be labelled {@code label} (null: any label) and, bound by a level-2 login,
     * follows the registry card {@code card} (null: none).
     */
    public Pending start(String userId, DeviceBinding binding, String label, String card) {
        byte[] id = new byte[16];
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(challenge);
        Pending pending = new Pending(Base64.getUrlEncoder().withoutPadding().encodeToString(id), userId, binding, challenge,
                clock.instant().plus(CHALLENGE_LIFETIME), label, card);
        store.put(CHALLENGE + pending.id(), CHALLENGE_LIFETIME.toSeconds(), Map.of("realm", realm.getId(), "user",
                pending.userId(), "binding", binding.code(), "challenge", Base64.getUrlEncoder().withoutPadding().encodeToString(challenge),
                "label", label == null ? "" : label, "card", card == null ? "" : card));
        return pending;
    }

    /** Counts a wrong code against {@code key}; false when its {@code budget} of the window was spent already. */
    private boolean fail(String key, int budget) {
        return SlotLimit.take(store, FAILURE + realm.getId() + "." + key, budget, FAILURE_WINDOW.toSeconds());
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
                Base64.getUrlDecoder().decode(notes.get("challenge")), null,
                notes.getOrDefault("label", "").isEmpty() ? null : notes.get("label"),
                notes.getOrDefault("card", "").isEmpty() ? null : notes.get("card")));
    }
}
