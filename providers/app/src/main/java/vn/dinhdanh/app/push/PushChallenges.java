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
import vn.dinhdanh.app.device.DeviceBinding;
import vn.dinhdanh.waiting.ClusterWaiters;
import vn.dinhdanh.evidence.Factors;
import vn.dinhdanh.app.limit.SlotLimit;

/**
 * Push challenges in Keycloak's single-use store (cluster-wide; nothing on this node): the challenge, the
 * citizen's latest pending one (what the app fetches), the decision (taken once by the login it belongs to),
 * and the per-citizen rate slots against MFA fatigue. Deciding removes the challenge atomically, so a
 * challenge is decided once: a replayed approval finds nothing.
 */
public final class PushChallenges {

    /** What became of a challenge. */
    public enum Decision { APPROVED, DENIED, WRONG_NUMBER }

    /** A challenge's state, as the waiting browser sees it (SCANNED: a QR code an app has scanned, not decided yet). */
    public enum State { PENDING, SCANNED, DECIDED, EXPIRED, UNKNOWN }

    static final Duration GRACE = Duration.ofMinutes(2);
    private static final String CHALLENGE = "dinhdanh.push.";
    private static final String PENDING = "dinhdanh.push.pending.";
    private static final String DECISION = "dinhdanh.push.decision.";
    private static final String EXPIRY = "dinhdanh.push.expiry.";
    private static final String RATE = "dinhdanh.push.rate.";
    private static final String QR_CLAIM = "dinhdanh.push.qr-claim.";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The {@code ClusterProvider} channel on which a scan or a decision wakes the login page waiting on it. */
    public static final String WAKEUPS = "dinhdanh.app.decided";

    private final KeycloakSession session;
    private final SingleUseObjectProvider store;
    private final RealmModel realm;
    private final Clock clock;

    public PushChallenges(KeycloakSession session, RealmModel realm, Clock clock) {
        this.session = session;
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
        return SlotLimit.take(store, prefix, perMinute, 60);
    }

    /** A push to citizen {@code userId} for the browser login {@code loginSession}: a number to pick among three. */
    public PushChallenge create(String userId, String loginSession, String client, String scope, String acrValues, Duration lifetime) {
        return create(userId, loginSession, client, scope, acrValues, null, lifetime);
    }

    /** The same, with a {@code message} the app shows (a new phone's label when moving to it); null: none. */
    public PushChallenge create(String userId, String loginSession, String client, String scope, String acrValues, String message,
                                Duration lifetime) {
        int number = 10 + RANDOM.nextInt(90);
        PushChallenge pushed = store(PushChallenge.Kind.PUSH, userId, loginSession, number, choicesWith(number), client,
                scope, acrValues, message, null, null, lifetime);
        store.put(PENDING + realm.getId() + "." + userId, lifetime.toSeconds(), Map.of("id", pushed.id()));
        return pushed;
    }

    /** A QR code for the browser login {@code loginSession}: no citizen until an app scans it, no number. */
    public PushChallenge createQr(String loginSession, String client, String scope, String acrValues, Duration lifetime) {
        return createQr(loginSession, client, scope, acrValues, null, lifetime);
    }

    /** The same, with a {@code message} the scanning app shows (a new phone's label when moving to it); null: none. */
    public PushChallenge createQr(String loginSession, String client, String scope, String acrValues, String message, Duration lifetime) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return store(PushChallenge.Kind.QR, "", loginSession, 0, List.of(), client, scope, acrValues, message, secret, null, lifetime);
    }

    /** Three different two-digit numbers in random order, {@code number} among them. */
    private static List<Integer> choicesWith(int number) {
        List<Integer> choices = new ArrayList<>(List.of(number));
        while (choices.size() < 3) {
            int other = 10 + RANDOM.nextInt(90);
            if (!choices.contains(other)) {
                choices.add(other);
            }
        }
        Collections.shuffle(choices, RANDOM);
        return List.copyOf(choices);
    }

    /**
     * A relying party's back-channel (CIBA) request {@code authResultId} for citizen {@code userId}; {@code number}
     * (10-99) is the number its caller reads to the citizen, who picks it among three in the app; 0: none.
     */
    public PushChallenge createCiba(String userId, String authResultId, String client, String scope, String acrValues,
                                    String bindingMessage, int number, Duration lifetime) {
        PushChallenge pushed = store(PushChallenge.Kind.CIBA, userId, "ciba", number, number == 0 ? List.of() : choicesWith(number),
                client, scope, acrValues, bindingMessage, null, authResultId, lifetime);
        store.put(PENDING + realm.getId() + "." + userId, lifetime.toSeconds(), Map.of("id", pushed.id()));
        return pushed;
    }

    private PushChallenge store(PushChallenge.Kind kind, String userId, String loginSession, int number, List<Integer> choices,
                                String client, String scope, String acrValues, String bindingMessage, byte[] qrSecret,
                                String cibaRequest, Duration lifetime) {
        byte[] id = new byte[16];
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(challenge);
        Instant now = clock.instant();
        PushChallenge pushed = new PushChallenge(Base64.getUrlEncoder().withoutPadding().encodeToString(id), kind, userId,
                loginSession, challenge, number, choices, client, scope, acrValues, bindingMessage, qrSecret, cibaRequest, now,
                now.plus(lifetime));
        long keep = lifetime.plus(GRACE).toSeconds();
        store.put(CHALLENGE + pushed.id(), keep, notes(pushed));
        store.put(EXPIRY + pushed.id(), keep, Map.of("expiresAt", String.valueOf(pushed.expiresAt().toEpochMilli()), "realm", realm.getId()));
        return pushed;
    }

    /**
     * Gives QR challenge {@code qr} to citizen {@code userId} (the app that scanned it): once, atomically;
     * empty when it was scanned already, decided or never issued.
     */
    public Optional<PushChallenge> bind(PushChallenge qr, String userId) {
        long keep = Math.max(1, Duration.between(clock.instant(), qr.expiresAt()).plus(GRACE).toSeconds());
        // The claim is the gate (an atomic put-if-absent): of two scans at once, one wins and the other changes nothing.
        if (!wellFormed(qr.id()) || !store.putIfAbsent(QR_CLAIM + qr.id(), keep)) {
            return Optional.empty();
        }
        Optional<PushChallenge> found = find(qr.id()).filter(c -> c.kind() == PushChallenge.Kind.QR && !c.bound());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        PushChallenge c = found.get();
        PushChallenge bound = new PushChallenge(c.id(), c.kind(), userId, c.loginSession(), c.challenge(), c.number(), c.choices(),
                c.client(), c.scope(), c.acrValues(), c.bindingMessage(), c.qrSecret(), c.cibaRequest(), c.issuedAt(), c.expiresAt());
        if (!store.replace(CHALLENGE + c.id(), notes(bound))) {
            return Optional.empty();
        }
        ClusterWaiters.wakeAfterCommit(session, WAKEUPS, c.id(), State.SCANNED.name());
        return Optional.of(bound);
    }

    private Map<String, String> notes(PushChallenge c) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        Map<String, String> notes = new HashMap<>();
        notes.put("realm", realm.getId());
        notes.put("kind", c.kind().name());
        notes.put("user", c.userId());
        notes.put("login", c.loginSession());
        notes.put("challenge", base64.encodeToString(c.challenge()));
        notes.put("number", String.valueOf(c.number()));
        notes.put("choices", c.choices().stream().map(String::valueOf).collect(Collectors.joining(",")));
        notes.put("client", c.client());
        notes.put("scope", c.scope() == null ? "" : c.scope());
        notes.put("acr", c.acrValues() == null ? "" : c.acrValues());
        notes.put("binding", c.bindingMessage() == null ? "" : c.bindingMessage());
        notes.put("qr", c.qrSecret() == null ? "" : base64.encodeToString(c.qrSecret()));
        notes.put("ciba", c.cibaRequest() == null ? "" : c.cibaRequest());
        notes.put("issuedAt", String.valueOf(c.issuedAt().toEpochMilli()));
        notes.put("expiresAt", String.valueOf(c.expiresAt().toEpochMilli()));
        return notes;
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

    public void record(PushChallenge challenge, Decision decision, DeviceBinding binding, String card, String factors) {
        store.put(DECISION + challenge.id(), GRACE.plusMinutes(2).toSeconds(), Map.of("decision", decision.name(),
                "login", challenge.loginSession(), "realm", realm.getId(), "user", challenge.userId(), "binding", binding.code(),
                "card", card == null ? "" : card, "factors", factors));
        Map<String, String> pending = store.get(PENDING + realm.getId() + "." + challenge.userId());
        if (pending != null && challenge.id().equals(pending.get("id"))) {
            store.remove(PENDING + realm.getId() + "." + challenge.userId()); // a newer challenge keeps its pointer
        }
        ClusterWaiters.wakeAfterCommit(session, WAKEUPS, challenge.id(), State.DECIDED.name());
    }

    /**
     * A decision, whose it is (the citizen who scanned a QR code is known only from here), how the deciding
     * device was bound to that citizen, the registry card it follows (null: none), and the factors its signature
     * proved ({@code app_key_uv}, or {@code app_key} for an App Attest key).
     */
    public record Outcome(Decision decision, String userId, DeviceBinding deviceBinding, String card, String factors) {
    }

    /** The decision on challenge {@code id}, taken (once) by the login {@code loginSession} it belongs to. */
    public Optional<Outcome> takeDecision(String id, String loginSession) {
        if (!wellFormed(id)) {
            return Optional.empty();
        }
        Map<String, String> notes = store.get(DECISION + id);
        if (notes == null || !loginSession.equals(notes.get("login")) || !realm.getId().equals(notes.get("realm"))) {
            return Optional.empty();
        }
        Map<String, String> taken = store.remove(DECISION + id);
        return taken == null ? Optional.empty() : Optional.of(new Outcome(Decision.valueOf(taken.get("decision")), taken.get("user"),
                DeviceBinding.ofCode(taken.get("binding")).orElse(DeviceBinding.SESSION),
                taken.getOrDefault("card", "").isEmpty() ? null : taken.get("card"), taken.getOrDefault("factors", Factors.APP_KEY)));
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
        if (!open) {
            return State.EXPIRED;
        }
        Map<String, String> notes = store.get(CHALLENGE + id);
        boolean scanned = notes != null && PushChallenge.Kind.QR.name().equals(notes.get("kind")) && !notes.get("user").isEmpty();
        return scanned ? State.SCANNED : State.PENDING;
    }

    private Optional<PushChallenge> parse(String id, Map<String, String> notes) {
        if (notes == null || !realm.getId().equals(notes.get("realm"))) {
            return Optional.empty();
        }
        Base64.Decoder base64 = Base64.getUrlDecoder();
        // Fields newer than a stored challenge (a node of the previous release wrote it) take their old meaning.
        String choiceList = notes.getOrDefault("choices", "");
        List<Integer> choices = choiceList.isEmpty() ? List.of() : Arrays.stream(choiceList.split(",")).map(Integer::valueOf).toList();
        String qr = notes.getOrDefault("qr", "");
        Instant expiresAt = Instant.ofEpochMilli(Long.parseLong(notes.get("expiresAt")));
        return Optional.of(new PushChallenge(id, PushChallenge.Kind.valueOf(notes.getOrDefault("kind", PushChallenge.Kind.PUSH.name())),
                notes.get("user"), notes.get("login"), base64.decode(notes.get("challenge")), Integer.parseInt(notes.get("number")),
                choices, notes.get("client"), notes.get("scope"), blankToNull(notes.get("acr")), blankToNull(notes.get("binding")),
                qr.isEmpty() ? null : base64.decode(qr), blankToNull(notes.get("ciba")),
                notes.containsKey("issuedAt") ? Instant.ofEpochMilli(Long.parseLong(notes.get("issuedAt"))) : expiresAt, expiresAt));
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    public static boolean wellFormed(String id) {
        return id != null && id.length() == 22 && id.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
                || c >= '0' && c <= '9' || c == '-' || c == '_');
    }
}
