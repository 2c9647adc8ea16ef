package vn.dinhdanh.evidence;

import java.util.Map;
import java.util.Optional;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.grants.ciba.CibaGrantType;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The login evidence as sessions keep it, written and read only here, as Keycloak's own {@code AcrStore} owns the
 * level note. Each login method {@link #record records} its method, factors and device binding (replacing the previous
 * method's, in the authentication session and the user session); the assurance steps {@link #collect} them into this
 * authentication's proofs and {@link #recordEarned record} the level earned in the user session, with the registry card
 * a level 2 was earned under; the app's enrolment reads them back ({@link #earnedLevel}, {@link #earnedCard}). A CIBA
 * approval carries the same three facts as callback parameters ({@link #cibaApproval}, read back by
 * {@link #cibaEvidence}).
 */
public final class LoginNotes {

    public static final String METHOD = "dinhdanh.auth.method";
    public static final String FACTORS = "dinhdanh.auth.factors";
    public static final String DEVICE_BINDING = "dinhdanh.auth.device_binding";
    /**
     * The proofs ({@link Evidence#serialize()}, factors with their devices' bindings): collected so far in this
     * authentication (auth note), and those of the session's last authentication (user-session note).
     */
    public static final String PROOFS = "dinhdanh.assurance.proofs";
    /** The level the session's last authentication earned (0, 1 or 2): a user-session note. */
    public static final String LEVEL = "dinhdanh.assurance.level";
    /** The registry's e-ID level, a user attribute of federated citizens (written by providers/population). */
    public static final String EID_LEVEL_ATTRIBUTE = "eid_level";
    /** The number of the registry's newest card of a citizen, a user attribute (written by providers/population). */
    public static final String CARD_NUMBER_ATTRIBUTE = "card_number";
    /** The issue day (ISO date) of the registry's newest card of a citizen, a user attribute (written by providers/population). */
    public static final String CARD_ISSUE_DATE_ATTRIBUTE = "card_issue_date";
    /**
     * The card the session's last authentication earned level 2 under ({@link #card}), empty otherwise: a user-session
     * note, the card a device bound from that login follows: the card a possession factor of the login stood on
     * ({@link #PROVED_CARD}), else the registry's newest. A card replaced keeps its number (the ID number since 2021),
     * so a card is its number and its issue day.
     */
    public static final String CARD = "dinhdanh.assurance.card";
    /**
     * The card a possession factor of this authentication stood on ({@link #card}): the chip's own card as its
     * verification read it, or the card the approving VNeID device follows. An auth note.
     */
    public static final String PROVED_CARD = "dinhdanh.auth.card";
    /** {@link #CARD}'s value for a citizen the registry knows no card of. */
    public static final String NO_CARD = "none";
    /** CIBA callback parameter names ({@code ciba_callback_response_param_<name>} in the client session). */
    static final String CIBA_METHOD = "login_method";
    static final String CIBA_FACTORS = "factors";
    static final String CIBA_DEVICE_BINDING = "device_binding";

    private LoginNotes() {
    }

    /**
     * What one login method proved: its {@link Methods method}, its {@link Factors factors} (comma list) and, for a
     * device, its {@link DeviceBindings binding} (null: none). Replaces whatever an earlier method of the same
     * session wrote, so that nothing stale counts.
     */
    public static void record(AuthenticationSessionModel authSession, String method, String factors, String binding) {
        String bound = binding == null ? "" : binding;
        authSession.setAuthNote(METHOD, method);
        authSession.setAuthNote(FACTORS, factors);
        authSession.setAuthNote(DEVICE_BINDING, bound);
        authSession.setUserSessionNote(METHOD, method);
        authSession.setUserSessionNote(FACTORS, factors);
        authSession.setUserSessionNote(DEVICE_BINDING, bound);
    }

    /** The proofs of this authentication so far plus what the last method recorded, without writing anything. */
    public static Evidence current(AuthenticationSessionModel authSession) {
        return Evidence.parse(authSession.getAuthNote(PROOFS))
                .with(authSession.getAuthNote(FACTORS), authSession.getAuthNote(DEVICE_BINDING));
    }

    /** {@link #current}, kept in the authentication session so that the next method's notes add to it. */
    public static Evidence collect(AuthenticationSessionModel authSession) {
        Evidence evidence = current(authSession);
        authSession.setAuthNote(PROOFS, evidence.serialize());
        return evidence;
    }

    /**
     * The level this authentication earned, and its factors, for the user session: always written (0 when nothing
     * was proved), so a level of an earlier authentication never outlives a weaker one.
     */
    public static void recordEarned(AuthenticationSessionModel authSession, Evidence evidence, int level) {
        if (!evidence.isEmpty()) {
            authSession.setUserSessionNote(FACTORS, String.join(",", evidence.factors()));
            authSession.setUserSessionNote(PROOFS, evidence.serialize());
        }
        authSession.setUserSessionNote(LEVEL, String.valueOf(level));
        authSession.setUserSessionNote(CARD, level >= 2 ? provedCard(authSession) : "");
    }

    /**
     * Records that a possession factor of this authentication stood on {@code card} ({@link #card}): the chip read, or
     * the card the approving device follows. Null (a chip without an issue day, a device that follows no card) leaves
     * what an earlier factor of the same authentication recorded.
     */
    public static void recordProvedCard(AuthenticationSessionModel authSession, String card) {
        if (card != null) {
            authSession.setAuthNote(PROVED_CARD, card);
        }
    }

    private static String provedCard(AuthenticationSessionModel authSession) {
        String proved = authSession.getAuthNote(PROVED_CARD);
        return proved != null && !proved.isEmpty() ? proved : newestCard(authSession.getAuthenticatedUser());
    }

    /**
     * The registry card the session's last authentication earned level 2 under ({@link #CARD}); empty when the
     * session did not earn level 2, or was recorded before the card was kept (the caller decides what stands in).
     */
    public static Optional<String> earnedCard(UserSessionModel userSession) {
        String card = userSession == null ? null : userSession.getNote(CARD);
        return card == null || card.isEmpty() ? Optional.empty() : Optional.of(card);
    }

    /** The registry's newest card of {@code user} as {@link #card} spells it; {@link #NO_CARD} without one. */
    public static String newestCard(UserModel user) {
        String number = user == null ? null : user.getFirstAttribute(CARD_NUMBER_ATTRIBUTE);
        return number == null ? NO_CARD : card(number, user.getFirstAttribute(CARD_ISSUE_DATE_ATTRIBUTE));
    }

    /** One card, as the notes and device records keep it: its number and its issue day (ISO), e.g. {@code 079303000042/2021-05-01}. */
    public static String card(String number, String issueDate) {
        return number + "/" + issueDate;
    }

    /** The level the session's last authentication earned; 0 when not recorded (a session no dinhdanh flow made). */
    public static int earnedLevel(UserSessionModel userSession) {
        return userSession == null ? 0 : parseLevel(userSession.getNote(LEVEL));
    }

    /** The session's last login method, or null. */
    public static String method(UserSessionModel userSession) {
        return userSession == null ? null : userSession.getNote(METHOD);
    }

    /**
     * What the session's last authentication proved, with the bindings of its devices (for {@code amr}: a level-1
     * device's user verification is no second factor); the bare factors for a session recorded before.
     */
    public static Evidence sessionEvidence(UserSessionModel userSession) {
        String proofs = userSession.getNote(PROOFS);
        return Evidence.parse(proofs != null ? proofs : userSession.getNote(FACTORS));
    }

    /** The citizen's e-ID level in the registry; 0 for anyone else (a level the rule never raises). */
    public static int registryLevel(UserModel user) {
        return user == null ? 0 : parseLevel(user.getFirstAttribute(EID_LEVEL_ATTRIBUTE));
    }

    /** What an app approval of a CIBA request proved, as the callback parameters Keycloak keeps in the client session. */
    public static Map<String, String> cibaApproval(String method, String factors, String binding) {
        return Map.of(CIBA_METHOD, method, CIBA_FACTORS, factors, CIBA_DEVICE_BINDING, binding);
    }

    /** The evidence of the CIBA approval behind a client session, or null for a session that did not come from one. */
    public static Evidence cibaEvidence(AuthenticatedClientSessionModel clientSession) {
        String factors = clientSession.getNote(CibaGrantType.ADDITIONAL_CALLBACK_PARAMS_PREFIX + CIBA_FACTORS);
        if (factors == null) {
            return null;
        }
        return Evidence.none().with(factors, clientSession.getNote(CibaGrantType.ADDITIONAL_CALLBACK_PARAMS_PREFIX + CIBA_DEVICE_BINDING));
    }

    /** The login method of the CIBA approval behind a client session, or null. */
    public static String cibaMethod(AuthenticatedClientSessionModel clientSession) {
        return clientSession.getNote(CibaGrantType.ADDITIONAL_CALLBACK_PARAMS_PREFIX + CIBA_METHOD);
    }

    private static int parseLevel(String level) {
        if (level == null) {
            return 0;
        }
        try {
            return Integer.parseInt(level.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
