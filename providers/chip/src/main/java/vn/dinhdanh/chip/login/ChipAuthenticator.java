package vn.dinhdanh.chip.login;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.sessions.AuthenticationSessionModel;
import vn.dinhdanh.chip.api.ChipResourceProviderFactory;
import vn.dinhdanh.chip.api.ChipSettings;
import vn.dinhdanh.chip.challenge.ChipChallenge;
import vn.dinhdanh.chip.challenge.ChipChallenges;
import vn.dinhdanh.chip.challenge.LoginOutcome;
import vn.dinhdanh.chip.verdict.ChipFailure;

/**
 * "CCCD chip" login: the page shows a challenge bound to this authentication session (QR code for the app
 * on another device, a link on this phone); the app reads the card and posts it to the chip API with that
 * challenge; the page waits (long poll on the challenge's state) and submits itself when it is answered.
 * The outcome is read here, once, and only by the login the challenge was issued to.
 *
 * <p>Records the method and its factors in the session ({@link #METHOD_NOTE}, {@link #FACTORS_NOTE}) for the
 * assurance level: {@code chip_aa} when the chip itself signed the challenge (a possession factor),
 * {@code chip_passive} when only its signed data were verified (AA not required by the realm).
 */
public final class ChipAuthenticator implements Authenticator {

    public static final String METHOD_NOTE = "dinhdanh.auth.method";
    public static final String FACTORS_NOTE = "dinhdanh.auth.factors";
    static final String CHALLENGE_NOTE = "dinhdanh.chip.challenge";
    static final String TEMPLATE = "dinhdanh-chip.ftl";

    private final KeycloakSession session;

    ChipAuthenticator(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        context.challenge(page(context, newChallenge(context), null));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String id = context.getAuthenticationSession().getAuthNote(CHALLENGE_NOTE);
        if (id == null || form.containsKey("retry")) {
            authenticate(context);
            return;
        }
        ChipChallenges challenges = challenges(context);
        Optional<LoginOutcome> outcome = challenges.takeOutcome(id, loginKey(context.getAuthenticationSession()));
        if (outcome.isEmpty()) {
            if (challenges.state(id) == ChipChallenges.State.PENDING) {
                context.challenge(page(context, current(context, challenges, id), null)); // submitted early: keep waiting
            } else {
                refuse(context, ChipFailure.CHALLENGE_EXPIRED.code());
            }
            return;
        }
        if (!outcome.get().valid()) {
            refuse(context, outcome.get().failureCode());
            return;
        }
        UserModel user = session.users().getUserByUsername(context.getRealm(), outcome.get().idNumber());
        if (user == null) {
            refuse(context, ChipFailure.PERSON_MISMATCH.code());
            return;
        }
        if (!user.isEnabled()) {
            context.getEvent().user(user);
            refuse(context, ChipFailure.CITIZEN_NOT_ALIVE.code());
            return;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        authSession.removeAuthNote(CHALLENGE_NOTE);
        String factors = outcome.get().chipAuthenticated() ? "chip_aa" : "chip_passive";
        authSession.setAuthNote(METHOD_NOTE, "chip");
        authSession.setAuthNote(FACTORS_NOTE, factors);
        authSession.setUserSessionNote(METHOD_NOTE, "chip");
        authSession.setUserSessionNote(FACTORS_NOTE, factors);
        context.getEvent().detail("login_method", "chip").detail("factors", factors);
        context.setUser(user);
        context.success();
    }

    /** A translated message for {@code code} and a fresh challenge: the citizen tries again in place. */
    private void refuse(AuthenticationFlowContext context, String code) {
        context.getEvent().detail("login_method", "chip").detail("reason", code).error(Errors.INVALID_USER_CREDENTIALS);
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS,
                page(context, newChallenge(context), "dinhdanh.chip." + code));
    }

    private ChipChallenge newChallenge(AuthenticationFlowContext context) {
        ChipChallenge challenge = challenges(context).issue(loginKey(context.getAuthenticationSession()));
        context.getAuthenticationSession().setAuthNote(CHALLENGE_NOTE, challenge.id());
        return challenge;
    }

    /** The pending challenge again (its nonce is in the store, not in the session). */
    private ChipChallenge current(AuthenticationFlowContext context, ChipChallenges challenges, String id) {
        return challenges.pending(id).orElseGet(() -> newChallenge(context));
    }

    private Response page(AuthenticationFlowContext context, ChipChallenge challenge, String error) {
        URI realmUrl = URI.create(context.getUriInfo().getBaseUri() + "realms/" + context.getRealm().getName());
        String link = ChipAppLink.of(realmUrl, challenge);
        var form = context.form()
                .setAttribute("chipLink", link)
                .setAttribute("chipQr", QrCode.svg(link))
                .setAttribute("chipStateUrl", realmUrl + "/chip/challenges/" + challenge.id())
                .setAttribute("chipExpiresAt", challenge.expiresAt().toEpochMilli());
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(TEMPLATE);
    }

    private ChipChallenges challenges(AuthenticationFlowContext context) {
        ChipSettings settings = ((ChipResourceProviderFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(RealmResourceProvider.class, ChipResourceProviderFactory.ID)).settings();
        return new ChipChallenges(session, context.getRealm(), settings.clock(), settings.challengeLifetime());
    }

    /** Names this login (browser tab) across nodes: the root authentication session and the tab. */
    static String loginKey(AuthenticationSessionModel authSession) {
        return authSession.getParentSession().getId() + "." + authSession.getTabId();
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
