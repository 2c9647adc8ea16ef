package vn.dinhdanh.app.api;

import static vn.dinhdanh.app.api.ApiRequests.base64;
import static vn.dinhdanh.app.api.ApiRequests.base64url;
import static vn.dinhdanh.app.api.ApiRequests.noStore;
import static vn.dinhdanh.app.api.ApiRequests.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.webauthn4j.WebAuthnRegistrationManager;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.util.exception.WebAuthnException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.WebAuthnCredentialModelInput;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.WebAuthnCredentialModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;
import vn.dinhdanh.app.device.Attestations;
import vn.dinhdanh.app.device.DeviceBinding;
import vn.dinhdanh.app.device.DeviceCredentialProvider;
import vn.dinhdanh.app.device.DeviceCredentialProviderFactory;
import vn.dinhdanh.app.device.DeviceNotices;
import vn.dinhdanh.app.device.Devices;
import vn.dinhdanh.app.device.FollowedCard;
import vn.dinhdanh.app.enrolment.Enrolments;
import vn.dinhdanh.app.login.NewDeviceLabel;
import vn.dinhdanh.app.push.Decisions;
import vn.dinhdanh.evidence.LoginNotes;
import vn.dinhdanh.evidence.Methods;

/**
 * {@code /realms/{realm}/app/enrolments}: enrolling a device key. The app starts with the one-time code issued
 * in person or with its own fresh login ({@code POST enrolments}), then sends its key's attestation over the
 * challenge: WebAuthn ({@code {id}/device}, webauthn4j) or Apple App Attest ({@code {id}/app-attest}). The key is
 * stored as a {@value DeviceCredentialProvider#TYPE} credential of the citizen with its binding. Logs carry no
 * number or key material.
 */
public final class EnrolmentResource {

    private static final Logger LOG = Logger.getLogger(EnrolmentResource.class);

    private final KeycloakSession session;
    private final AppSettings settings;
    private final AppResource app;

    EnrolmentResource(KeycloakSession session, AppSettings settings, AppResource app) {
        this.session = session;
        this.settings = settings;
        this.app = app;
    }

    private Enrolments enrolments(RealmModel realm) {
        return new Enrolments(session, realm, settings.clock());
    }

    /**
     * Starts enrolling a device → {@code {"enrolmentId", "challenge" (base64url), "rpId", "binding", "expiresAt"}}.
     * Either {@code {"idNumber", "code"}}: the code issued in person, which must be the citizen's, binding
     * {@code in_person} (a correct code is always accepted; past 10 wrong codes from one address, or 20 for one number,
     * in 15 minutes, wrong codes get 429 {@code too_many_attempts}); or, with no body fields, the app's
     * own bearer token of a login at most {@value #FRESH_LOGIN_SECONDS} seconds old: binding {@code level2_login} when
     * that login earned level 2 under the assurance rule (chip and password, or a level-2 device with user
     * verification), {@code session} otherwise, a chip alone included (README "Enrolment from a login").
     */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response redeem(InputStream body) throws IOException {
        RealmModel realm = session.getContext().getRealm();
        Enrolments.Pending pending;
        if (session.getContext().getRequestHeaders().getHeaderString(HttpHeaders.AUTHORIZATION) != null) {
            pending = fromLogin(realm);
        } else {
            JsonNode request = read(body);
            UserModel citizen = app.citizenByNumber(realm, request.path("idNumber").asText(""));
            Enrolments.Redemption redemption = enrolments(realm).redeem(citizen == null ? null : citizen.getId(),
                    request.path("code").asText(null), session.getContext().getConnection().getRemoteAddr());
            if (redemption.outcome() == Enrolments.Outcome.TOO_MANY) {
                throw new ApiError(Response.Status.TOO_MANY_REQUESTS, "too_many_attempts",
                        "too many wrong enrolment codes from here or for this number: wait 15 minutes (a correct code is always accepted)");
            }
            pending = redemption.pending()
                    .orElseThrow(() -> ApiError.badRequest("code_invalid", "the enrolment code is unknown, used or expired"));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("enrolmentId", pending.id());
        answer.put("challenge", Base64.getUrlEncoder().withoutPadding().encodeToString(pending.challenge()));
        answer.put("rpId", app.rpId());
        answer.put("binding", pending.binding().code());
        answer.put("expiresAt", pending.expiresAt().toString());
        return noStore(Response.Status.CREATED, answer);
    }

    /** How recent the login behind a session enrolment must be: a stolen, refreshed token enrols nothing. */
    static final int FRESH_LOGIN_SECONDS = 300;

    /** An enrolment for the citizen logged in to the app (its own client's bearer token), bound as that login was. */
    private Enrolments.Pending fromLogin(RealmModel realm) {
        AuthenticationManager.AuthResult login = new AppAuthManager.BearerTokenAuthenticator(session).setRealm(realm)
                .setUriInfo(session.getContext().getUri()).setConnection(session.getContext().getConnection())
                .setHeaders(session.getContext().getRequestHeaders()).authenticate();
        if (login == null) {
            throw new ApiError(Response.Status.UNAUTHORIZED, "invalid_token", "the bearer token is not a valid, active token of this realm");
        }
        if (!settings.appClientId().equals(login.getToken().getIssuedFor())) {
            // Any relying party holds citizens' tokens: only the app's own may add a device.
            throw new ApiError(Response.Status.FORBIDDEN, "token_not_app", "only the VNeID app's own token (client "
                    + settings.appClientId() + ") may enrol a device");
        }
        Long authTime = login.getToken().getAuth_time();
        if (authTime == null || settings.clock().instant().getEpochSecond() - authTime > FRESH_LOGIN_SECONDS) {
            throw new ApiError(Response.Status.UNAUTHORIZED, "login_required",
                    "enrolling a device needs a login of the last " + FRESH_LOGIN_SECONDS / 60 + " minutes: log in again");
        }
        UserModel citizen = login.getUser();
        if (citizen == null || !citizen.isEnabled()) {
            throw ApiError.badRequest("citizen_unknown", "the citizen may no longer log in");
        }
        // What the login earned under the assurance rule (providers/assurance EarnedLevel), never its method: a chip
        // alone is one factor (the card, which has no PIN), so a device enrolled from it is level 1.
        DeviceBinding binding = DeviceBinding.forLogin(LoginNotes.earnedLevel(login.getSession()));
        String method = LoginNotes.method(login.getSession());
        String label = null;
        if (binding.level() >= 2 && (Methods.APP.equals(method) || Methods.APP_QR.equals(method))) {
            // Moving to a new phone: level 2 only for the device the old phone showed before its holder approved.
            label = NewDeviceLabel.approved(login.getSession());
            if (label == null) {
                binding = DeviceBinding.SESSION;
            }
        }
        // The card the login earned level 2 under, which the device follows from now on (a session recorded before the
        // card was kept: the registry's newest now, which is that card unless the registry changed in these minutes).
        String card = binding == DeviceBinding.LEVEL_TWO_LOGIN
                ? LoginNotes.earnedCard(login.getSession()).orElseGet(() -> LoginNotes.newestCard(citizen)) : null;
        LOG.infof("app: enrolment from a login (%s binding)", binding.code());
        return enrolments(realm).start(citizen.getId(), binding, label, card);
    }

    /**
     * {@code {"clientDataJSON", "attestationObject"} (base64url), "label"?} → 201 {@code {"credentialId", "label",
     * "binding"}}: the device key's WebAuthn attestation over the enrolment's challenge, with user verification.
     */
    @POST
    @Path("{id}/device")
    @Produces(MediaType.APPLICATION_JSON)
    public Response enrol(@PathParam("id") String id, InputStream body) throws IOException {
        RealmModel realm = session.getContext().getRealm();
        JsonNode request = read(body);
        byte[] clientData = base64url(request, "clientDataJSON");
        byte[] attestation = base64url(request, "attestationObject");
        String label = label(request);
        Enrolments.Pending pending = takeEnrolment(realm, id);
        UserModel citizen = enrollingCitizen(realm, pending);

        RegistrationData registration;
        try {
            registration = Attestations.verify(registrationManager(), new RegistrationRequest(attestation, clientData),
                    new RegistrationParameters(new ServerProperty(app.origins(), app.rpId(), new DefaultChallenge(pending.challenge())),
                            List.of(new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256)),
                            true, true));
        } catch (WebAuthnException | IllegalArgumentException e) {
            // The exception's class and its cause's (what webauthn4j's parser threw), never the bytes.
            LOG.infof("app: enrolment refused: %s%s", e.getClass().getSimpleName(),
                    e.getCause() == null ? "" : " (" + e.getCause().getClass().getSimpleName() + ")");
            throw ApiError.badRequest("attestation_invalid", "the device key's attestation does not verify");
        }
        WebAuthnCredentialModelInput input = new WebAuthnCredentialModelInput(DeviceCredentialProvider.TYPE);
        input.setAttestedCredentialData(registration.getAttestationObject().getAuthenticatorData().getAttestedCredentialData());
        input.setCount(registration.getAttestationObject().getAuthenticatorData().getSignCount());
        input.setAttestationStatementFormat(registration.getAttestationObject().getFormat());
        return store(realm, citizen, pending, input, label);
    }

    /**
     * iOS: {@code {"keyId" (base64), "attestationObject" (base64url), "label"?}} → 201 as {@link #enrol}: the Apple
     * App Attest attestation of the app's key ({@code DCAppAttestService.attestKey}), whose {@code clientDataHash} is
     * SHA-256 of the enrolment's challenge, for one of the configured {@code app-attest-app-ids}. App Attest proves a
     * genuine app on a genuine Apple device, not the user: logins with such a key record {@code app_key}, not
     * {@code app_key_uv}.
     */
    @POST
    @Path("{id}/app-attest")
    @Produces(MediaType.APPLICATION_JSON)
    public Response enrolAppAttest(@PathParam("id") String id, InputStream body) throws IOException {
        RealmModel realm = session.getContext().getRealm();
        JsonNode request = read(body);
        byte[] keyId = base64(request, "keyId");
        byte[] attestation = base64url(request, "attestationObject");
        String label = label(request);
        if (settings.appAttest() == null) {
            throw ApiError.badRequest("format_unsupported", "this server accepts no App Attest keys (no app-attest-app-ids configured)");
        }
        Enrolments.Pending pending = takeEnrolment(realm, id);
        UserModel citizen = enrollingCitizen(realm, pending);
        byte[] clientDataHash = Decisions.sha256(pending.challenge());
        for (String appId : settings.appAttestAppIds()) {
            try {
                return store(realm, citizen, pending, settings.appAttest().verifyAppAttest(keyId, attestation, clientDataHash, appId)
                        .credentialInput(), label);
            } catch (WebAuthnException | IllegalArgumentException e) {
                LOG.debugf("app: App Attest attestation not of %s: %s", appId, e.getClass().getSimpleName());
            }
        }
        LOG.infof("app: enrolment refused: App Attest attestation does not verify");
        throw ApiError.badRequest("attestation_invalid", "the device key's attestation does not verify");
    }

    private static String label(JsonNode request) {
        String label = request.path("label").asText("VNeID").strip();
        if (label.isEmpty() || label.length() > 64) {
            throw ApiError.badRequest("invalid_request", "label has 1 to 64 characters");
        }
        return label;
    }

    private Enrolments.Pending takeEnrolment(RealmModel realm, String id) {
        return enrolments(realm).take(id)
                .orElseThrow(() -> ApiError.badRequest("enrolment_unknown", "no such enrolment under way (it is single use and lives 5 minutes)"));
    }

    private UserModel enrollingCitizen(RealmModel realm, Enrolments.Pending pending) {
        UserModel citizen = session.users().getUserById(realm, pending.userId());
        if (citizen == null || !citizen.isEnabled()) {
            throw ApiError.badRequest("citizen_unknown", "the citizen may no longer log in");
        }
        return citizen;
    }

    /** Stores a verified device key as the citizen's {@value DeviceCredentialProvider#TYPE} credential, with its binding. */
    private Response store(RealmModel realm, UserModel citizen, Enrolments.Pending pending, WebAuthnCredentialModelInput input,
                           String label) {
        if (pending.label() != null && !pending.label().equals(label)) {
            throw ApiError.badRequest("label_mismatch", "this enrolment is for the device the approving phone showed: label " + pending.label());
        }
        String newId = Base64.getEncoder().encodeToString(input.getAttestedCredentialData().getCredentialId());
        if (Devices.find(citizen, newId).isPresent()) {
            throw ApiError.badRequest("device_exists", "this device key is enrolled already");
        }
        DeviceCredentialProvider devices = (DeviceCredentialProvider) session.getProvider(CredentialProvider.class,
                DeviceCredentialProviderFactory.ID);
        WebAuthnCredentialModel model = devices.getCredentialModelFromCredentialInput(input, label);
        CredentialModel stored = devices.createCredential(realm, citizen, model);
        DeviceBinding binding = pending.binding();
        if (pending.card() != null && !pending.card().equals(LoginNotes.newestCard(citizen))) {
            // The registry's newest card is another since the login: the card it was earned under is replaced, and the
            // change feed, which may have passed already, would never lower a device stored after it.
            binding = DeviceBinding.SESSION;
        }
        binding.recordFor(citizen, stored.getId());
        if (binding == DeviceBinding.LEVEL_TWO_LOGIN && pending.card() != null) { // none: started by an earlier version
            FollowedCard.recordFor(citizen, stored.getId(), pending.card());
        }
        new DeviceNotices(session, realm, settings.clock()).added(citizen, stored.getId(), stored.getUserLabel(), binding);
        LOG.infof("app: device enrolled (%s attestation, %s binding)", input.getAttestationStatementFormat(), binding.code());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("credentialId", model.getWebAuthnCredentialData().getCredentialId());
        answer.put("label", stored.getUserLabel());
        answer.put("binding", binding.code());
        return noStore(Response.Status.CREATED, answer);
    }

    /** As the settings' attestation policy says (README "Attestation"): certified chains to their roots, self and none where allowed. */
    private WebAuthnRegistrationManager registrationManager() {
        return Attestations.registrationManager(settings.attestation(), settings.clock());
    }
}
