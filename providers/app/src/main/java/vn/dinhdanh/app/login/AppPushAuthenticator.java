package vn.dinhdanh.app.login;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.sessions.AuthenticationSessionModel;
import vn.dinhdanh.app.api.AppResourceProviderFactory;
import vn.dinhdanh.app.api.AppSettings;
import vn.dinhdanh.app.device.DeviceCredentialProvider;
import vn.dinhdanh.app.device.Devices;
import vn.dinhdanh.app.push.PushChallenge;
import vn.dinhdanh.app.push.PushChallenges;
import vn.dinhdanh.app.push.PushMessage;
import vn.dinhdanh.app.push.PushSender;

/**
 * "Log in with VNeID": the citizen gives the ID number (or a previous step knows the user), the server
 * sends a push to each enrolled device and shows a two-digit number; the citizen picks that number among
 * three in the app and approves with the device key (user verification). The page waits (long poll) and
 * continues by itself. Deny, a wrong number, expiry and a removed device each end with their message and
 * a way to retry. Records {@code dinhdanh.auth.method=app}, {@code dinhdanh.auth.factors=app_key_uv}.
 */
public final class AppPushAuthenticator implements Authenticator {

    public static final String METHOD_NOTE = "dinhdanh.auth.method";
    public static final String FACTORS_NOTE = "dinhdanh.auth.factors";
    static final String CHALLENGE_NOTE = "dinhdanh.app.challenge";
    static final String USER_NOTE = "dinhdanh.app.user";
    static final String NUMBER_NOTE = "dinhdanh.app.number";
    /** Pushes one network address may start in a minute, whoever they are for. */
    static final int PUSHES_PER_ADDRESS_PER_MINUTE = 20;
    static final String TEMPLATE = "dinhdanh-app.ftl";

    private final KeycloakSession session;

    AppPushAuthenticator(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (context.getUser() != null) {
            push(context, context.getUser());
        } else {
            context.challenge(identify(context, null));
        }
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
        String userId = authSession.getAuthNote(USER_NOTE);
        if (id == null || userId == null || form.containsKey("retry")) {
            UserModel known = userId == null ? context.getUser() : session.users().getUserById(context.getRealm(), userId);
            if (known != null && form.containsKey("retry")) {
                push(context, known);
            } else {
                context.challenge(identify(context, null));
            }
            return;
        }
        PushChallenges challenges = challenges(context);
        Optional<PushChallenges.Decision> decision = challenges.takeDecision(id, loginKey(authSession));
        if (decision.isEmpty()) {
            if (challenges.state(id) == PushChallenges.State.PENDING) {
                // Still waiting, or a decision under way: the same page again (from the session, not the store).
                context.challenge(waiting(context, id, authSession.getAuthNote(NUMBER_NOTE)));
            } else {
                refuse(context, "expired", userId);
            }
            return;
        }
        switch (decision.get()) {
            case DENIED -> refuse(context, "denied", userId);
            case WRONG_NUMBER -> refuse(context, "wrong_number", userId);
            case APPROVED -> {
                UserModel citizen = session.users().getUserById(context.getRealm(), userId);
                if (citizen == null || !citizen.isEnabled()) {
                    refuse(context, "no_device", null);
                    return;
                }
                authSession.removeAuthNote(CHALLENGE_NOTE);
                authSession.setAuthNote(METHOD_NOTE, "app");
                authSession.setAuthNote(FACTORS_NOTE, "app_key_uv");
                authSession.setUserSessionNote(METHOD_NOTE, "app");
                authSession.setUserSessionNote(FACTORS_NOTE, "app_key_uv");
                context.getEvent().detail("login_method", "app").detail("factors", "app_key_uv");
                context.setUser(citizen);
                context.success();
            }
        }
    }

    private UserModel user(AuthenticationFlowContext context, String idNumber) {
        try {
            return session.users().getUserByUsername(context.getRealm(), idNumber);
        } catch (RuntimeException e) {
            return null; // the registry cannot be read: no push is sent either way
        }
    }

    /** Sends a push to each of the citizen's devices and shows the number to pick. */
    private void push(AuthenticationFlowContext context, UserModel citizen) {
        List<CredentialModel> devices = citizen.credentialManager()
                .getStoredCredentialsByTypeStream(DeviceCredentialProvider.TYPE).toList();
        if (devices.isEmpty()) {
            refuse(context, "no_device", null);
            return;
        }
        AppSettings settings = settings();
        PushChallenges challenges = challenges(context);
        if (!challenges.allowFrom(context.getConnection().getRemoteAddr(), PUSHES_PER_ADDRESS_PER_MINUTE)
                || !challenges.allow(citizen.getId(), settings.pushesPerMinute())) {
            context.getEvent().user(citizen);
            refuse(context, "too_many", null);
            return;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        var client = authSession.getClient();
        PushChallenge challenge = challenges.create(citizen.getId(), loginKey(authSession),
                client.getName() != null && !client.getName().isBlank() ? client.getName() : client.getClientId(),
                authSession.getClientNote("scope"), settings.pushLifetime());
        authSession.setAuthNote(CHALLENGE_NOTE, challenge.id());
        authSession.setAuthNote(USER_NOTE, citizen.getId());
        authSession.setAuthNote(NUMBER_NOTE, String.valueOf(challenge.number()));
        PushSender sender = session.getProvider(PushSender.class);
        for (CredentialModel device : devices) {
            sender.send(new PushMessage(context.getRealm().getName(), DeviceCredentialProvider.data(device).getCredentialId(),
                    challenge.id()));
        }
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
        Response page = context.form().setAttribute("appMode", userId != null ? "retry" : "identify")
                .setError("dinhdanh.app." + reason).createForm(TEMPLATE);
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, page);
    }

    private Response identify(AuthenticationFlowContext context, String error) {
        var form = context.form().setAttribute("appMode", "identify");
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(TEMPLATE);
    }

    private Response waiting(AuthenticationFlowContext context, String challengeId, String number) {
        String stateUrl = context.getUriInfo().getBaseUriBuilder().path("realms").path(context.getRealm().getName())
                .path("app").path("challenges").path(challengeId).build().toString();
        return context.form().setAttribute("appMode", "waiting")
                .setAttribute("appNumber", number)
                .setAttribute("appStateUrl", stateUrl)
                .createForm(TEMPLATE);
    }

    private PushChallenges challenges(AuthenticationFlowContext context) {
        return new PushChallenges(session, context.getRealm(), settings().clock());
    }

    private AppSettings settings() {
        var factory = session.getKeycloakSessionFactory().getProviderFactory(RealmResourceProvider.class, AppResourceProviderFactory.ID);
        if (!(factory instanceof AppResourceProviderFactory app)) {
            throw new IllegalStateException("the VNeID login needs the app API (realm resource 'app'), which is disabled or missing");
        }
        return app.settings();
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
