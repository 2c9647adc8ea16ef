package vn.dinhdanh.chip.challenge;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import vn.dinhdanh.chip.verdict.ChipFailure;

/**
 * Issues and consumes chip challenges in Keycloak's single-use object store: cluster-wide (Infinispan),
 * no state on this node. An entry outlives its challenge by {@link #GRACE}, so that a late answer is told
 * {@code challenge_expired} rather than {@code challenge_unknown}; consuming marks the id used (an atomic
 * put-if-absent), so a second answer is told {@code challenge_reused}, even when two arrive at once.
 */
public final class ChipChallenges {

    /** ICAO 9303's challenge: 8 bytes. */
    public static final int NONCE_BYTES = 8;
    static final Duration GRACE = Duration.ofMinutes(2);

    private static final String CHALLENGE = "dinhdanh.chip.challenge.";
    private static final String USED = "dinhdanh.chip.used.";
    private static final String OUTCOME = "dinhdanh.chip.outcome.";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SingleUseObjectProvider store;
    private final RealmModel realm;
    private final Clock clock;
    private final Duration lifetime;

    public ChipChallenges(KeycloakSession session, RealmModel realm, Clock clock, Duration lifetime) {
        this.store = session.singleUseObjects();
        this.realm = realm;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** A new challenge for a reader that is not a browser login (a bank's app). */
    public ChipChallenge issue() {
        return issue(null, null);
    }

    /**
     * A new challenge; {@code loginSession} binds it to a waiting browser login (or null), whose relying
     * party {@code clientName} the citizen's app shows before it reads the card.
     */
    public ChipChallenge issue(String loginSession, String clientName) {
        byte[] id = new byte[16];
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(nonce);
        ChipChallenge challenge = new ChipChallenge(Base64.getUrlEncoder().withoutPadding().encodeToString(id), nonce,
                clock.instant().plus(lifetime), loginSession);
        Map<String, String> notes = new HashMap<>();
        notes.put("realm", realm.getId());
        notes.put("nonce", challenge.nonceBase64());
        notes.put("expiresAt", String.valueOf(challenge.expiresAt().toEpochMilli()));
        if (loginSession != null) {
            notes.put("login", loginSession);
            notes.put("client", clientName);
        }
        store.put(CHALLENGE + challenge.id(), lifetime.plus(GRACE).toSeconds(), notes);
        return challenge;
    }

    /** The outcome of consuming a challenge: the challenge, or why it cannot be used. */
    public record Consumed(ChipChallenge challenge, ChipFailure failure) {
        public boolean usable() {
            return failure == null;
        }
    }

    /** Takes the challenge {@code id} for one verification; never the same id twice. */
    public Consumed consume(String id) {
        if (!wellFormed(id)) {
            return new Consumed(null, ChipFailure.CHALLENGE_UNKNOWN);
        }
        Map<String, String> notes = store.get(CHALLENGE + id);
        if (notes == null) {
            return new Consumed(null, store.contains(USED + id) ? ChipFailure.CHALLENGE_REUSED : ChipFailure.CHALLENGE_UNKNOWN);
        }
        if (!realm.getId().equals(notes.get("realm"))) {
            return new Consumed(null, ChipFailure.CHALLENGE_UNKNOWN);
        }
        // The atomic step: only one caller marks the id used.
        if (!store.putIfAbsent(USED + id, lifetime.plus(GRACE).toSeconds())) {
            return new Consumed(null, ChipFailure.CHALLENGE_REUSED);
        }
        store.remove(CHALLENGE + id);
        ChipChallenge challenge = new ChipChallenge(id, Base64.getDecoder().decode(notes.get("nonce")),
                Instant.ofEpochMilli(Long.parseLong(notes.get("expiresAt"))), notes.get("login"));
        if (!clock.instant().isBefore(challenge.expiresAt())) {
            return new Consumed(challenge, ChipFailure.CHALLENGE_EXPIRED);
        }
        return new Consumed(challenge, null);
    }

    /** Whether {@code id} is still waiting for an answer, answered, or gone. */
    public enum State { PENDING, ANSWERED, EXPIRED, UNKNOWN }

    /** What the citizen's app shows before reading the card: the relying party a login challenge is for. */
    public Optional<String> loginClient(String id) {
        if (!wellFormed(id)) {
            return Optional.empty();
        }
        Map<String, String> notes = store.get(CHALLENGE + id);
        return notes == null || !realm.getId().equals(notes.get("realm")) ? Optional.empty() : Optional.ofNullable(notes.get("client"));
    }

    public State state(String id) {
        if (!wellFormed(id)) {
            return State.UNKNOWN;
        }
        if (store.contains(OUTCOME + id)) {
            return State.ANSWERED;
        }
        Map<String, String> notes = store.get(CHALLENGE + id);
        if (notes == null || !realm.getId().equals(notes.get("realm"))) {
            return store.contains(USED + id) ? State.ANSWERED : State.UNKNOWN;
        }
        return clock.instant().isBefore(Instant.ofEpochMilli(Long.parseLong(notes.get("expiresAt"))))
                ? State.PENDING : State.EXPIRED;
    }

    /** The challenge {@code id} while it can still be answered. */
    public Optional<ChipChallenge> pending(String id) {
        if (state(id) != State.PENDING) {
            return Optional.empty();
        }
        Map<String, String> notes = store.get(CHALLENGE + id);
        return notes == null ? Optional.empty() : Optional.of(new ChipChallenge(id, Base64.getDecoder().decode(notes.get("nonce")),
                Instant.ofEpochMilli(Long.parseLong(notes.get("expiresAt"))), notes.get("login")));
    }

    /** Keeps the outcome of a login challenge for the login that waits on it. */
    public void recordOutcome(ChipChallenge challenge, LoginOutcome outcome) {
        Map<String, String> notes = outcome.toNotes();
        notes.put("login", challenge.loginSession());
        store.put(OUTCOME + challenge.id(), lifetime.plus(GRACE).toSeconds(), notes);
    }

    /** The outcome of challenge {@code id}, taken (once) by the login {@code loginSession} it was issued to. */
    public Optional<LoginOutcome> takeOutcome(String id, String loginSession) {
        if (!wellFormed(id)) {
            return Optional.empty();
        }
        Map<String, String> notes = store.get(OUTCOME + id);
        if (notes == null || !loginSession.equals(notes.get("login"))) {
            return Optional.empty();
        }
        return LoginOutcome.fromNotes(store.remove(OUTCOME + id));
    }

    /** Ids are 16 random bytes, base64url: anything else was never issued (and is no key to look up). */
    public static boolean wellFormed(String id) {
        return id != null && id.length() == 22 && id.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
                || c >= '0' && c <= '9' || c == '-' || c == '_');
    }
}
