package vn.dinhdanh.app.push;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Push challenges in Keycloak's single-use store (cluster-wide; nothing on this node): the challenge, the
 * citizen's latest pending one (what the app fetches), the decision (taken once by the login it belongs to),
 * and the per-citizen rate slots against MFA fatigue. Deciding removes the challenge atomically, so a
 * challenge is decided once: a replayed approval finds nothing.
 */
public final class PushChallenges {

    /** What became of a challenge. */
    public enum Decision { APPROVED, DENIED, WRONG_NUMBER }

    /** A challenge's state, as the waiting browser sees it. */
    public enum State { PENDING, DECIDED, EXPIRED, UNKNOWN }

    static final Duration GRACE = Duration.ofMinutes(2);
    private static final String CHALLENGE = "dinhdanh.push.";
    private static final String PENDING = "dinhdanh.push.pending.";
    private static final String DECISION = "dinhdanh.push.decision.";
    private static final String EXPIRY = "dinhdanh.push.expiry.";
    private static final String RATE = "dinhdanh.push.rate.";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SingleUseObjectProvider store;
    private final RealmModel realm;
    private final Clock clock;

    public PushChallenges(KeycloakSession session, RealmModel realm, Clock clock) {
        this.store = session.singleUseObjects();
        this.realm = realm;
        this.clock = clock;
    }

    /**
     * Takes one of the citizen's {@code perMinute} push slots; false when they are all taken. A slot is an
     * atomic put-if-absent held for a minute, so at most {@code perMinute} pushes go out in any minute, and
     * concurrent logins cannot overrun the limit.
     */
    public boolean allow(String userId, int perMinute) {
        return slot(RATE + realm.getId() + ".user." + userId, perMinute);
    }

    /** The same limit for one network address: so one client cannot spend every citizen's pushes. */
    public boolean allowFrom(String address, int perMinute) {
        return slot(RATE + realm.getId() + ".address." + address, perMinute);
    }

    private boolean slot(String prefix, int perMinute) {
        for (int slot = 0; slot < perMinute; slot++) {
            if (store.putIfAbsent(prefix + "." + slot, 60)) {
                return true;
            }
        }
        return false;
    }

    public PushChallenge create(String userId, String loginSession, String client, String scope, Duration lifetime) {
        byte[] id = new byte[16];
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(challenge);
        int number = 10 + RANDOM.nextInt(90);
        List<Integer> choices = new ArrayList<>(List.of(number));
        while (choices.size() < 3) {
            int other = 10 + RANDOM.nextInt(90);
            if (!choices.contains(other)) {
                choices.add(other);
            }
        }
        Collections.shuffle(choices, RANDOM);
        PushChallenge pushed = new PushChallenge(Base64.getUrlEncoder().withoutPadding().encodeToString(id), userId, loginSession,
                challenge, number, List.copyOf(choices), client, scope, clock.instant().plus(lifetime));
        Map<String, String> notes = new HashMap<>();
        notes.put("realm", realm.getId());
        notes.put("user", userId);
        notes.put("login", loginSession);
        notes.put("challenge", Base64.getUrlEncoder().withoutPadding().encodeToString(challenge));
        notes.put("number", String.valueOf(number));
        notes.put("choices", choices.stream().map(String::valueOf).collect(Collectors.joining(",")));
        notes.put("client", client);
        notes.put("scope", scope == null ? "" : scope);
        notes.put("expiresAt", String.valueOf(pushed.expiresAt().toEpochMilli()));
        long keep = lifetime.plus(GRACE).toSeconds();
        store.put(CHALLENGE + pushed.id(), keep, notes);
        store.put(EXPIRY + pushed.id(), keep, Map.of("expiresAt", notes.get("expiresAt"), "realm", realm.getId()));
        store.put(PENDING + realm.getId() + "." + userId, lifetime.toSeconds(), Map.of("id", pushed.id()));
        return pushed;
    }

    /** The citizen's pending challenge, if any (what the app shows). */
    public Optional<PushChallenge> pendingFor(String userId) {
        Map<String, String> pending = store.get(PENDING + realm.getId() + "." + userId);
        return pending == null ? Optional.empty() : find(pending.get("id")).filter(c -> c.userId().equals(userId))
                .filter(c -> clock.instant().isBefore(c.expiresAt()));
    }

    public Optional<PushChallenge> find(String id) {
        if (!wellFormed(id)) {
            return Optional.empty();
        }
        return parse(id, store.get(CHALLENGE + id));
    }

    /**
     * Decides challenge {@code id} (once: the challenge is removed atomically). Empty when it was already
     * decided, or never existed; an expired one is removed and reported by {@link #state}.
     */
    public Optional<PushChallenge> take(String id) {
        if (!wellFormed(id)) {
            return Optional.empty();
        }
        return parse(id, store.remove(CHALLENGE + id));
    }

    public void record(PushChallenge challenge, Decision decision) {
        store.put(DECISION + challenge.id(), GRACE.plusMinutes(2).toSeconds(),
                Map.of("decision", decision.name(), "login", challenge.loginSession(), "realm", realm.getId()));
        Map<String, String> pending = store.get(PENDING + realm.getId() + "." + challenge.userId());
        if (pending != null && challenge.id().equals(pending.get("id"))) {
            store.remove(PENDING + realm.getId() + "." + challenge.userId()); // a newer challenge keeps its pointer
        }
    }

    /** The decision on challenge {@code id}, taken (once) by the login {@code loginSession} it belongs to. */
    public Optional<Decision> takeDecision(String id, String loginSession) {
        if (!wellFormed(id)) {
            return Optional.empty();
        }
        Map<String, String> notes = store.get(DECISION + id);
        if (notes == null || !loginSession.equals(notes.get("login")) || !realm.getId().equals(notes.get("realm"))) {
            return Optional.empty();
        }
        Map<String, String> taken = store.remove(DECISION + id);
        return taken == null ? Optional.empty() : Optional.of(Decision.valueOf(taken.get("decision")));
    }

    public State state(String id) {
        if (!wellFormed(id)) {
            return State.UNKNOWN;
        }
        if (store.contains(DECISION + id)) {
            return State.DECIDED;
        }
        Map<String, String> expiry = store.get(EXPIRY + id);
        if (expiry == null || !realm.getId().equals(expiry.get("realm"))) {
            return State.UNKNOWN;
        }
        // Taken but not yet recorded (a decision under way): still pending for the waiting page, which must not
        // read it before the decision is there.
        boolean open = clock.instant().isBefore(Instant.ofEpochMilli(Long.parseLong(expiry.get("expiresAt"))));
        return open ? State.PENDING : State.EXPIRED;
    }

    private Optional<PushChallenge> parse(String id, Map<String, String> notes) {
        if (notes == null || !realm.getId().equals(notes.get("realm"))) {
            return Optional.empty();
        }
        List<Integer> choices = Arrays.stream(notes.get("choices").split(",")).map(Integer::valueOf).toList();
        return Optional.of(new PushChallenge(id, notes.get("user"), notes.get("login"),
                Base64.getUrlDecoder().decode(notes.get("challenge")), Integer.parseInt(notes.get("number")), choices,
                notes.get("client"), notes.get("scope"), Instant.ofEpochMilli(Long.parseLong(notes.get("expiresAt")))));
    }

    static boolean wellFormed(String id) {
        return id != null && id.length() == 22 && id.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
                || c >= '0' && c <= '9' || c == '-' || c == '_');
    }
}
