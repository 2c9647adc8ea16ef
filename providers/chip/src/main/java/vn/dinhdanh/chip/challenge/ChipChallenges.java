package vn.dinhdanh.chip.challenge;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import vn.dinhdanh.chip.verdict.ChipFailure;
import vn.dinhdanh.waiting.ClusterWaiters;

/**
 * Issues and consumes chip challenges, cluster-wide, with no state on this node. A reader's challenge
 * (a bank's app) is a {@link SignedChallenge}: issuing it stores nothing. A browser login's challenge is
 * an entry of Keycloak's single-use object store (Infinispan), as the login keeps its outcome there anyway.
 * Consuming marks the id used in that store (an atomic put-if-absent that outlives the challenge by
 * {@link #GRACE}), so a second answer is told {@code challenge_reused}, even when two arrive at once, and
 * a late one {@code challenge_expired}.
 */
public final class ChipChallenges {

    /** ICAO 9303's challenge: 8 bytes. */
    public static final int NONCE_BYTES = 8;
    static final Duration GRACE = Duration.ofMinutes(2);

    private static final String CHALLENGE = "dinhdanh.chip.challenge.";
    private static final String USED = "dinhdanh.chip.used.";
    private static final String OUTCOME = "dinhdanh.chip.outcome.";
    /** The {@code ClusterProvider} channel on which an answered challenge wakes the pages waiting on it. */
    public static final String WAKEUPS = "dinhdanh.chip.answered";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeycloakSession session;
    private final SingleUseObjectProvider store;
    private final RealmModel realm;
    private final Clock clock;
    private final Duration lifetime;

    public ChipChallenges(KeycloakSession session, RealmModel realm, Clock clock, Duration lifetime) {
        this.session = session;
        this.store = session.singleUseObjects();
        this.realm = realm;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** A new challenge for a reader that is not a browser login (a bank's app): signed, nothing stored. */
    public ChipChallenge issue() {
        Optional<SecretKey> key = activeKey();
        if (key.isEmpty()) {
            return issue(null, null); // a realm without an HMAC key: the stored kind serves as well
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        Instant expiresAt = clock.instant().plus(lifetime);
        return new ChipChallenge(SignedChallenge.id(key.get(), realm.getId(), nonce, expiresAt), nonce, expiresAt, null);
    }

    private Optional<SecretKey> activeKey() {
        KeyWrapper active = session.keys().getActiveKey(realm, KeyUse.SIG, Algorithm.HS512);
        return Optional.ofNullable(active).map(KeyWrapper::getSecretKey);
    }

    /** The signed challenge {@code id}, if one of the realm's HMAC keys (the active one, or one rotated out) made it. */
    private Optional<ChipChallenge> signed(String id) {
        return session.keys().getKeysStream(realm, KeyUse.SIG, Algorithm.HS512)
                .map(KeyWrapper::getSecretKey)
                .filter(java.util.Objects::nonNull)
                .map(key -> SignedChallenge.open(key, realm.getId(), id))
                .flatMap(Optional::stream)
                .findFirst();
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
        if (SignedChallenge.shaped(id)) {
            Optional<ChipChallenge> signed = signed(id);
            if (signed.isEmpty()) {
                return new Consumed(null, ChipFailure.CHALLENGE_UNKNOWN);
            }
            long keep = Math.max(0, Duration.between(clock.instant(), signed.get().expiresAt()).toSeconds()) + GRACE.toSeconds();
            if (!store.putIfAbsent(USED + id, keep)) {
                return new Consumed(null, ChipFailure.CHALLENGE_REUSED);
            }
            ClusterWaiters.wakeAfterCommit(session, WAKEUPS, id, State.ANSWERED.name());
            return clock.instant().isBefore(signed.get().expiresAt())
                    ? new Consumed(signed.get(), null) : new Consumed(signed.get(), ChipFailure.CHALLENGE_EXPIRED);
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
        if (notes.get("login") == null) {
            store.remove(CHALLENGE + id);
            ClusterWaiters.wakeAfterCommit(session, WAKEUPS, id, State.ANSWERED.name());
        } // a login's challenge stays until its outcome is recorded: until then its state is "pending", not "answered"
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
        if (SignedChallenge.shaped(id)) {
            Optional<ChipChallenge> signed = signed(id);
            if (signed.isEmpty()) {
                return State.UNKNOWN;
            }
            if (store.contains(USED + id)) {
                return State.ANSWERED;
            }
            return clock.instant().isBefore(signed.get().expiresAt()) ? State.PENDING : State.EXPIRED;
        }
        if (store.contains(OUTCOME + id)) {
            return State.ANSWERED;
        }
        Map<String, String> notes = store.get(CHALLENGE + id);
        if (notes == null || !realm.getId().equals(notes.get("realm"))) {
            return store.contains(USED + id) ? State.ANSWERED : State.UNKNOWN;
        }
        // A login's challenge being verified (used, outcome not recorded yet) is still pending, until it expires.
        return clock.instant().isBefore(Instant.ofEpochMilli(Long.parseLong(notes.get("expiresAt"))))
                ? State.PENDING : State.EXPIRED;
    }

    /** The challenge {@code id} while it can still be answered. */
    public Optional<ChipChallenge> pending(String id) {
        if (state(id) != State.PENDING || store.contains(USED + id)) {
            return Optional.empty();
        }
        Map<String, String> notes = store.get(CHALLENGE + id);
        return notes == null ? Optional.empty() : Optional.of(new ChipChallenge(id, Base64.getDecoder().decode(notes.get("nonce")),
                Instant.ofEpochMilli(Long.parseLong(notes.get("expiresAt"))), notes.get("login")));
    }

    /**
     * Keeps the outcome of a login challenge for the login that waits on it, and wakes its waiting page (on
     * whichever node it waits) once the outcome is committed.
     */
    public void recordOutcome(ChipChallenge challenge, LoginOutcome outcome) {
        Map<String, String> notes = outcome.toNotes();
        notes.put("login", challenge.loginSession());
        store.put(OUTCOME + challenge.id(), lifetime.plus(GRACE).toSeconds(), notes);
        store.remove(CHALLENGE + challenge.id());
        ClusterWaiters.wakeAfterCommit(session, WAKEUPS, challenge.id(), State.ANSWERED.name());
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

    /**
     * Ids are base64url: 16 random bytes (a login's stored challenge) or a {@link SignedChallenge}; anything
     * else was never issued (and is no key to look up, nor a string to log).
     */
    public static boolean wellFormed(String id) {
        return id != null && (id.length() == 22 || SignedChallenge.shaped(id)) && id.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
                || c >= '0' && c <= '9' || c == '-' || c == '_');
    }
}
