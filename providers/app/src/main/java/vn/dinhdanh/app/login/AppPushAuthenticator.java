package vn.dinhdanh.app.login;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.authentication.Authenticator;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.services.resources.LoginActionsService;
import org.keycloak.services.util.AuthenticationFlowURLHelper;
import org.keycloak.sessions.AuthenticationSessionModel;
import vn.dinhdanh.app.api.AppSettings;
import vn.dinhdanh.app.device.DeviceCredentialProvider;
import vn.dinhdanh.app.push.PushChallenge;
import vn.dinhdanh.app.push.PushChallenges;
import vn.dinhdanh.app.push.Pushes;
import vn.dinhdanh.evidence.LoginNotes;
import vn.dinhdanh.evidence.Methods;
import vn.dinhdanh.population.storage.Citizens;

/**
 * "Log in with VNeID", the realm's first login method. The page shows a QR code that changes every second
 * (scanned with the app: nothing to type) and a field for the ID number (a push to each enrolled device, and
 * a two-digit number the citizen picks among three in the app). Either way the citizen approves in the app
 * with the device key (user verification); the page waits (long poll) and continues by itself, and a reload
 * shows the same login again. Deny, a wrong number, expiry and a removed device each end with their message
 * and a way to retry. Records {@code dinhdanh.auth.method=app} (push) or {@code app_qr},
 * {@code dinhdanh.auth.factors=app_key_uv} ({@code app_key} for an iOS App Attest key: no user verification proved)
 * and {@code dinhdanh.auth.device_binding}.
 */
public final class AppPushAuthenticator implements Authenticator {

    static final String CHALLENGE_NOTE = "dinhdanh.app.challenge";
    static final String USER_NOTE = "dinhdanh.app.user";
    static final String NUMBER_NOTE = "dinhdanh.app.number";
    /** Which page the login is on: the QR code (and the number field) or a push's number. */
    static final String MODE_NOTE = "dinhdanh.app.mode";
    static final String MODE_QR = "qr";
    static final String MODE_PUSH = "push";
    static final String TEMPLATE = "dinhdanh-app.ftl";

    private final KeycloakSession session;

    AppPushAuthenticator(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (resume(context)) {
            return; // a reload: the login under way, never a second push
        }
        if (context.getUser() != null) {
            push(context, context.getUser());
        } else {
            context.challenge(identify(context, null));
        }
    }

    /**
     * A reload of the page (the flow starts again here): the login under way is shown again, or concluded if
     * the citizen decided meanwhile. False when there is none (or it expired): a new start.
     */
    private boolean resume(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String id = authSession.getAuthNote(CHALLENGE_NOTE);
        if (id == null) {
            return false;
        }
        UserModel known = context.getUser();
        if (known != null && !(MODE_PUSH.equals(authSession.getAuthNote(MODE_NOTE)) && known.getId().equals(authSession.getAuthNote(USER_NOTE)))) {
            // The citizen is already identified (a second factor for level 2, a step-up): the QR code shown before
            // they chose another method, or a push to someone else, is not this login's: a push to them instead.
            return false;
        }
        PushChallenges.State state = challenges(context).state(id);
        if (state == PushChallenges.State.PENDING || state == PushChallenges.State.SCANNED || state == PushChallenges.State.DECIDED) {
            conclude(context, id);
            return true;
        }
        return false;
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (form.containsKey("idNumber")) {
            String number = form.getFirst("idNumber").strip();
            UserModel citizen = number.matches("[0-9]{12}") ? user(context, number) : null;
            if (citizen == null || !citizen.isEnabled()) {
                refuse(context, "no_device", null);
                return;
            }
            push(context, citizen);
            return;
        }
        String id = authSession.getAuthNote(CHALLENGE_NOTE);
        if (id == null || form.containsKey("retry")) {
            String userId = authSession.getAuthNote(USER_NOTE);
            UserModel known = userId != null ? session.users().getUserById(context.getRealm(), userId) : context.getUser();
            if (known != null && form.containsKey("retry") && MODE_PUSH.equals(authSession.getAuthNote(MODE_NOTE))) {
                push(context, known);
            } else {
                context.challenge(identify(context, null));
            }
            return;
        }
        conclude(context, id);
    }

    /**
     * The decision on the login's challenge {@code id}, if there is one: logs in, or refuses with the reason;
     * else the page again (still waiting), a new QR code (the last one expired) or "expired".
     */
    private void conclude(AuthenticationFlowContext context, String id) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        boolean qr = MODE_QR.equals(authSession.getAuthNote(MODE_NOTE));
        PushChallenges challenges = challenges(context);
        Optional<PushChallenges.Outcome> outcome = challenges.takeDecision(id, loginKey(authSession));
        if (outcome.isEmpty()) {
            PushChallenges.State state = challenges.state(id);
            if (state == PushChallenges.State.PENDING || state == PushChallenges.State.SCANNED) {
                // Still waiting, or a decision under way: the same page again (from the session, not the store).
                context.challenge(qr ? identifyPage(context, id, null) : waiting(context, id, authSession.getAuthNote(NUMBER_NOTE)));
            } else if (qr) {
                context.challenge(identify(context, null)); // the QR code expired unscanned: a new one
            } else {
                refuse(context, "expired", authSession.getAuthNote(USER_NOTE));
            }
            return;
        }
        String userId = outcome.get().userId();
        if (!qr && !userId.equals(authSession.getAuthNote(USER_NOTE))) {
            refuse(context, "expired", null); // cannot happen: a push challenge is its citizen's
            return;
        }
        switch (outcome.get().decision()) {
            case DENIED -> refuse(context, "denied", userId);
            case WRONG_NUMBER -> refuse(context, "wrong_number", userId);
            case APPROVED -> {
                UserModel citizen = session.users().getUserById(context.getRealm(), userId);
                if (citizen == null || !citizen.isEnabled()) {
                    refuse(context, "no_device", null);
                    return;
                }
                UserModel identified = authSession.getAuthenticatedUser();
                if (identified != null && !identified.getId().equals(citizen.getId())) {
                    // A second factor must be the same citizen's (a QR code scanned by another citizen's phone): refused
                    // before any note is written, as Keycloak's own refusal on setUser would leave them in the session.
                    refuse(context, "another_citizen", identified.getId());
                    return;
                }
                String method = qr ? Methods.APP_QR : Methods.APP;
                authSession.removeAuthNote(CHALLENGE_NOTE);
                String factors = outcome.get().factors();
                String binding = outcome.get().deviceBinding().code();
                LoginNotes.record(authSession, method, factors, binding);
                LoginNotes.recordProvedCard(authSession, outcome.get().card());
                // The new phone's label this approval showed (moving to a new phone), or none: never an earlier login's.
                String newDevice = NewDeviceLabel.announced(authSession, Pushes.of(session).settings().appClientId());
                authSession.setUserSessionNote(NewDeviceLabel.NOTE, newDevice == null ? "" : newDevice);
                context.getEvent().detail("login_method", method).detail("factors", factors).detail("device_binding", binding);
                context.setUser(citizen);
                context.success();
            }
        }
    }

    private UserModel user(AuthenticationFlowContext context, String idNumber) {
        try {
            return Citizens.byNumber(session, context.getRealm(), idNumber);
        } catch (RuntimeException e) {
            return null; // the registry cannot be read: no push is sent either way
        }
    }

    /** Sends a push to each of the citizen's devices and shows the number to pick. */
    private void push(AuthenticationFlowContext context, UserModel citizen) {
        Pushes pushes = Pushes.of(session);
        List<CredentialModel> devices = pushes.devices(citizen);
        if (devices.isEmpty()) {
            refuse(context, "no_device", null);
            return;
        }
        AppSettings settings = pushes.settings();
        PushChallenges challenges = challenges(context);
        if (!challenges.allowFrom(context.getConnection().getRemoteAddr(), settings.pushesPerAddressPerMinute())
                || !challenges.allow(citizen.getId(), settings.pushesPerMinute())) {
            context.getEvent().user(citizen);
            refuse(context, "too_many", null);
            return;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        PushChallenge challenge = challenges.create(citizen.getId(), loginKey(authSession), Pushes.clientName(authSession.getClient()),
                authSession.getClientNote(OIDCLoginProtocol.SCOPE_PARAM), authSession.getClientNote(OIDCLoginProtocol.ACR_PARAM),
                NewDeviceLabel.message(NewDeviceLabel.announced(authSession, settings.appClientId())), settings.pushLifetime());
        authSession.setAuthNote(CHALLENGE_NOTE, challenge.id());
        authSession.setAuthNote(MODE_NOTE, MODE_PUSH);
        authSession.setAuthNote(USER_NOTE, citizen.getId());
        authSession.setAuthNote(NUMBER_NOTE, String.valueOf(challenge.number()));
        pushes.send(context.getRealm(), citizen, devices, challenge);
        context.challenge(waiting(context, challenge.id(), String.valueOf(challenge.number())));
    }

    /** A translated message, a way to retry; the event names the reason. */
    private void refuse(AuthenticationFlowContext context, String reason, String userId) {
        if (userId != null) {
            UserModel citizen = session.users().getUserById(context.getRealm(), userId);
            if (citizen != null) {
                context.getEvent().user(citizen); // the citizen's audit trail shows the denied and mismatched pushes
            }
        }
        context.getEvent().detail("login_method", "app").detail("reason", reason).error(Errors.INVALID_USER_CREDENTIALS);
        context.getAuthenticationSession().removeAuthNote(CHALLENGE_NOTE);
        Response page = userId != null
                ? context.form().setAttribute("appMode", "retry").setError("dinhdanh.app." + reason).createForm(TEMPLATE)
                : identify(context, "dinhdanh.app." + reason);
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, page);
    }

    /** The first page: a QR code to scan with the app (a new one), or the ID number to get a push. */
    private Response identify(AuthenticationFlowContext context, String error) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        AppSettings settings = Pushes.of(session).settings();
        PushChallenge qr = challenges(context).createQr(loginKey(authSession), Pushes.clientName(authSession.getClient()),
                authSession.getClientNote(OIDCLoginProtocol.SCOPE_PARAM), authSession.getClientNote(OIDCLoginProtocol.ACR_PARAM),
                NewDeviceLabel.message(NewDeviceLabel.announced(authSession, settings.appClientId())), settings.pushLifetime());
        authSession.setAuthNote(CHALLENGE_NOTE, qr.id());
        authSession.setAuthNote(MODE_NOTE, MODE_QR);
        authSession.removeAuthNote(USER_NOTE);
        authSession.removeAuthNote(NUMBER_NOTE);
        return identifyPage(context, qr.id(), error);
    }

    private Response identifyPage(AuthenticationFlowContext context, String qrId, String error) {
        var form = context.form().setAttribute("appMode", "identify")
                .setAttribute("appResumeUrl", resumeUrl(context))
                .setAttribute("appQrUrl", appUrl(context, "qr", qrId))
                .setAttribute("appStateUrl", appUrl(context, "challenges", qrId));
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(TEMPLATE);
    }

    private Response waiting(AuthenticationFlowContext context, String challengeId, String number) {
        return context.form().setAttribute("appMode", "waiting")
                .setAttribute("appResumeUrl", resumeUrl(context))
                .setAttribute("appNumber", number)
                .setAttribute("appStateUrl", appUrl(context, "challenges", challengeId))
                .createForm(TEMPLATE);
    }

    /**
     * Where a reload should go: this step of the login (Keycloak's "last execution" URL), not the relying
     * party's authorization request, which would start a new login. Keycloak puts it in the browser's history
     * itself after a form post; the first page, reached by the authorization request, needs the page's script.
     */
    private String resumeUrl(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        return new AuthenticationFlowURLHelper(session, context.getRealm(), context.getUriInfo())
                .getLastExecutionUrl(LoginActionsService.AUTHENTICATE_PATH, context.getExecution().getId(),
                        authSession.getClient().getClientId(), authSession.getTabId(),
                        AuthenticationProcessor.getClientData(session, authSession)).toString();
    }

    private static String appUrl(AuthenticationFlowContext context, String collection, String id) {
        return context.getUriInfo().getBaseUriBuilder().path("realms").path(context.getRealm().getName())
                .path("app").path(collection).path(id).build().toString();
    }

    private PushChallenges challenges(AuthenticationFlowContext context) {
        return new PushChallenges(session, context.getRealm(), Pushes.of(session).settings().clock());
    }

    static String loginKey(AuthenticationSessionModel authSession) {
        return authSession.getParentSession().getId() + "." + authSession.getTabId();
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return user.credentialManager().isConfiguredFor(DeviceCredentialProvider.TYPE);
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
