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
import org.keycloak.sessions.AuthenticationSessionModel;
import vn.dinhdanh.chip.api.ChipOptions;
import vn.dinhdanh.chip.api.ChipSettings;
import vn.dinhdanh.chip.challenge.ChipChallenge;
import vn.dinhdanh.waiting.QrCode;
import vn.dinhdanh.chip.challenge.ChipChallenges;
import vn.dinhdanh.chip.challenge.LoginOutcome;
import vn.dinhdanh.chip.verdict.ChipFailure;
import vn.dinhdanh.evidence.Factors;
import vn.dinhdanh.evidence.LoginNotes;
import vn.dinhdanh.evidence.Methods;
import vn.dinhdanh.population.storage.Citizens;

/**
 * "CCCD chip" login: the page shows a challenge bound to this authentication session (QR code for the app
 * on another device, a link on this phone); the app reads the card and posts it to the chip API with that
 * challenge; the page waits (long poll on the challenge's state) and submits itself when it is answered.
 * The outcome is read here, once, and only by the login the challenge was issued to.
 *
 * <p>Only a chip that signed the challenge itself logs in (a possession factor): a card without Active
 * Authentication is refused with {@code aa_unsupported} here even where the API accepts it as passive only,
 * since its files can be copied. Records the method and its factors in the session
 * (providers/evidence LoginNotes: method {@code chip}, factors {@code chip_aa}) for the assurance level.
 */
public final class ChipAuthenticator implements Authenticator {

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
        if (!outcome.get().chipAuthenticated()) {
            // Copies of a card's files (kept by a hotel, a bank) pass passive authentication: never a login.
            refuse(context, ChipFailure.AA_UNSUPPORTED.code());
            return;
        }
        UserModel user;
        try {
            user = Citizens.byNumber(session, context.getRealm(), outcome.get().idNumber());
        } catch (RuntimeException e) {
            refuse(context, ChipFailure.REGISTRY_UNAVAILABLE.code());
            return;
        }
        if (user == null) {
            refuse(context, ChipFailure.PERSON_MISMATCH.code());
            return;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        UserModel identified = authSession.getAuthenticatedUser();
        if (identified != null && !identified.getId().equals(user.getId())) {
            // A second factor must be the same citizen's: refused before any note of this chip is written, as Keycloak's
            // own refusal of another user (on setUser) would leave them in the authentication session.
            context.getEvent().user(identified);
            refuse(context, ChipFailure.CARD_OF_ANOTHER_CITIZEN.code());
            return;
        }
        if (!user.isEnabled()) {
            context.getEvent().user(user);
            refuse(context, ChipFailure.CITIZEN_NOT_ALIVE.code());
            return;
        }
        authSession.removeAuthNote(CHALLENGE_NOTE);
        String factors = Factors.CHIP_AA;
        // No device approved this login: an earlier app login's binding in the same session must not stay.
        LoginNotes.record(authSession, Methods.CHIP, factors, null);
        LoginNotes.recordProvedCard(authSession, outcome.get().card());
        context.getEvent().detail("login_method", Methods.CHIP).detail("factors", factors);
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
        ChipChallenge challenge = challenges(context).issue(loginKey(context.getAuthenticationSession()),
                clientName(context));
        context.getAuthenticationSession().setAuthNote(CHALLENGE_NOTE, challenge.id());
        return challenge;
    }

    /** The pending challenge again (its nonce is in the store, not in the session). */
    private ChipChallenge current(AuthenticationFlowContext context, ChipChallenges challenges, String id) {
        return challenges.pending(id).orElseGet(() -> newChallenge(context));
    }

    private Response page(AuthenticationFlowContext context, ChipChallenge challenge, String error) {
        URI realmUrl = context.getUriInfo().getBaseUriBuilder().path("realms").path(context.getRealm().getName()).build();
        String link = ChipAppLink.of(context.getRealm().getName(), challenge);
        var form = context.form()
                .setAttribute("chipLink", link)
                .setAttribute("chipQr", QrCode.svg(link))
                .setAttribute("chipStateUrl", realmUrl + "/chip/challenges/" + challenge.id());
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(TEMPLATE);
    }

    private ChipChallenges challenges(AuthenticationFlowContext context) {
        ChipSettings settings = ChipOptions.of(session).settings();
        return new ChipChallenges(session, context.getRealm(), settings.clock(), settings.challengeLifetime());
    }

    /** The relying party, as the citizen's app shows it before reading the card ("log in to ..."). */
    private static String clientName(AuthenticationFlowContext context) {
        var client = context.getAuthenticationSession().getClient();
        return client.getName() != null && !client.getName().isBlank() ? client.getName() : client.getClientId();
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
