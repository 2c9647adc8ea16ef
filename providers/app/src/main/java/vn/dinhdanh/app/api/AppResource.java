package vn.dinhdanh.app.api;

import static vn.dinhdanh.app.api.ApiRequests.base64url;
import static vn.dinhdanh.app.api.ApiRequests.noStore;
import static vn.dinhdanh.app.api.ApiRequests.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.util.exception.WebAuthnException;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;
import org.keycloak.common.util.UriUtils;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.WebAuthnCredentialModel;
import vn.dinhdanh.app.ciba.CibaRequests;
import vn.dinhdanh.app.device.DeviceBinding;
import vn.dinhdanh.app.device.DeviceNotices;
import vn.dinhdanh.app.device.Devices;
import vn.dinhdanh.app.device.FollowedCard;
import vn.dinhdanh.app.push.Decisions;
import vn.dinhdanh.app.push.PushChallenge;
import vn.dinhdanh.app.push.PushChallenges;
import vn.dinhdanh.app.push.PushTarget;
import vn.dinhdanh.app.push.PushTargets;
import vn.dinhdanh.app.qr.QrLogin;
import vn.dinhdanh.waiting.QrCode;
import vn.dinhdanh.waiting.ClusterWaiters;
import vn.dinhdanh.evidence.Factors;
import vn.dinhdanh.population.storage.Citizens;

/**
 * {@code /realms/{realm}/app}: the VNeID app's API. Enrolment is {@link EnrolmentResource}'s; here the app, signing
 * with its device key, fetches what waits for it ({@code pending}), registers its push token, claims the login
 * page's QR code and decides (a WebAuthn or App Attest assertion over the decision); the waiting browser's long
 * poll and the rotating QR code are served here too. Refusals are events and JSON errors with stable codes; logs
 * carry no number or key material.
 */
public final class AppResource {

    private static final Logger LOG = Logger.getLogger(AppResource.class);

    private final KeycloakSession session;
    private final AppSettings settings;
    private final ClusterWaiters waiters;

    AppResource(KeycloakSession session, AppSettings settings, ClusterWaiters waiters) {
        this.session = session;
        this.settings = settings;
        this.waiters = waiters;
    }

    /** {@code enrolments/...}: enrolling a device key ({@link EnrolmentResource}). */
    @Path("enrolments")
    public EnrolmentResource enrolmentResource() {
        return new EnrolmentResource(session, settings, this);
    }

    /**
     * {@code {"idNumber", "credentialId", "timestamp", "signature", "challengeId"?}} → {@code {"challenges": [...]}}:
     * the app fetches its citizen's pending request (a push login or a relying party's CIBA request) itself,
     * when pushes do not arrive, proving the device key by an ES256 signature over
     * {@link Decisions#pendingRequest} within a minute of the server's clock.
     */
    @POST
    @Path("pending")
    @Produces(MediaType.APPLICATION_JSON)
    public Response pending(InputStream body) throws IOException {
        RealmModel realm = session.getContext().getRealm();
        JsonNode request = read(body);
        SignedBy signer = signedByDevice(realm, request, Decisions::pendingRequest);
        UserModel citizen = signer.citizen();
        List<Map<String, Object>> challenges = new ArrayList<>();
        PushChallenges pushes = new PushChallenges(session, realm, settings.clock());
        String wanted = request.path("challengeId").asText(null);
        Optional<PushChallenge> found = wanted != null
                ? pushes.find(wanted).filter(c -> c.userId().equals(citizen.getId())).filter(c -> settings.clock().instant().isBefore(c.expiresAt()))
                : pushes.pendingFor(citizen.getId());
        found.ifPresent(c -> challenges.add(entry(c)));
        // The latest device added or removed beside this one (kept 30 days or until the next): the app shows it.
        List<Map<String, Object>> notices = new ArrayList<>();
        new DeviceNotices(session, realm, settings.clock()).latest(signer.device().getId()).ifPresent(n -> notices.add(n.json()));
        return noStore(Response.Status.OK, Map.of("challenges", challenges, "notices", notices));
    }

    /**
     * {@code {"idNumber", "credentialId", "timestamp", "signature", "platform": "fcm"|"apns", "token"}} → 204: where
     * this device receives pushes from now on (the device key signs {@link Decisions#pushTokenRequest}); the app calls
     * it after enrolling and whenever FCM or APNs gives it a new token. The token is never logged.
     */
    @POST
    @Path("push-token")
    public Response registerPushToken(InputStream body) throws IOException {
        RealmModel realm = session.getContext().getRealm();
        JsonNode request = read(body);
        String platform = request.path("platform").asText("");
        String token = request.path("token").asText("");
        SignedBy signer = signedByDevice(realm, request, (credentialId, timestamp) ->
                Decisions.pushTokenRequest(credentialId, timestamp, platform, token));
        PushTarget target = PushTargets.parse(platform, token).orElseThrow(() -> ApiError.badRequest("invalid_request",
                "platform is fcm or apns, token the one the platform gave (APNs: hex)"));
        PushTargets.register(signer.citizen(), signer.device().getId(), target);
        LOG.infof("app: push target registered (%s)", target);
        return Response.noContent().header("Cache-Control", "no-store").build();
    }

    /**
     * The login page's QR code, as it is this second: {@code {"state": "pending", "payload", "svg"}}; once
     * scanned, decided or expired only {@code {"state"}}. The page asks every second (the code rotates).
     */
    @GET
    @Path("qr/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response qr(@PathParam("id") String id) {
        RealmModel realm = session.getContext().getRealm();
        PushChallenges challenges = new PushChallenges(session, realm, settings.clock());
        java.time.Instant now = settings.clock().instant();
        Optional<PushChallenge> shown = challenges.find(id)
                .filter(c -> c.kind() == PushChallenge.Kind.QR && !c.bound() && now.isBefore(c.expiresAt()));
        if (shown.isEmpty()) {
            return noStore(Response.Status.OK, Map.of("state", challenges.state(id).name().toLowerCase(java.util.Locale.ROOT)));
        }
        PushChallenge c = shown.get();
        String payload = QrLogin.payload(realm.getName(), c.id(), c.qrSecret(), c.issuedAt(), now);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("state", "pending");
        answer.put("payload", payload);
        answer.put("svg", QrCode.svg(payload));
        return noStore(Response.Status.OK, answer);
    }

    /**
     * {@code {"idNumber", "credentialId", "timestamp", "signature", "payload"}} → 201 with the challenge to
     * show and decide (as {@code /pending} lists them): the app scanned the login page's QR code. The device
     * key signs {@link Decisions#scanRequest}; the code must be genuine and at most {@link QrLogin#MAX_AGE} old
     * ({@code qr_stale}); a code is claimed once ({@code qr_invalid} after).
     */
    @POST
    @Path("qr-scans")
    @Produces(MediaType.APPLICATION_JSON)
    public Response scan(InputStream body) throws IOException {
        RealmModel realm = session.getContext().getRealm();
        JsonNode request = read(body);
        String payload = request.path("payload").asText("");
        UserModel citizen = signedByDevice(realm, request, (credentialId, timestamp) -> Decisions.scanRequest(credentialId, timestamp, payload))
                .citizen();
        QrLogin.Scan scan = QrLogin.parse(payload).filter(s -> s.realm().equals(realm.getName()))
                .orElseThrow(() -> refused(realm, citizen, "qr_invalid", "not a login QR code of this realm"));
        PushChallenges challenges = new PushChallenges(session, realm, settings.clock());
        java.time.Instant now = settings.clock().instant();
        PushChallenge shown = challenges.find(scan.challengeId()).filter(c -> c.kind() == PushChallenge.Kind.QR)
                .orElseThrow(() -> refused(realm, citizen, challenges.state(scan.challengeId()) == PushChallenges.State.EXPIRED
                        ? "challenge_expired" : "qr_invalid", "no such login QR code waits (scanned, decided, expired or never shown)"));
        if (!now.isBefore(shown.expiresAt())) {
            throw refused(realm, citizen, "challenge_expired", "the login QR code expired");
        }
        if (shown.bound() || !QrLogin.genuine(scan, shown.qrSecret())) {
            throw refused(realm, citizen, "qr_invalid", "the QR code was scanned already, or is not one the page showed");
        }
        if (!QrLogin.fresh(scan, shown.issuedAt(), now)) {
            throw refused(realm, citizen, "qr_stale", "the QR code is older than " + QrLogin.MAX_AGE.toSeconds()
                    + " seconds: scan the code on the screen now (a photo or a relayed picture goes stale)");
        }
        PushChallenge bound = challenges.bind(shown, citizen.getId())
                .orElseThrow(() -> refused(realm, citizen, "qr_invalid", "the QR code was scanned already"));
        LOG.infof("app: QR %s scanned", bound.id());
        return noStore(Response.Status.CREATED, entry(bound));
    }

    /** What the app shows the citizen and needs to decide: one request. */
    private Map<String, Object> entry(PushChallenge c) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("challengeId", c.id());
        entry.put("kind", c.kind().name().toLowerCase(java.util.Locale.ROOT));
        entry.put("challenge", Base64.getUrlEncoder().withoutPadding().encodeToString(c.challenge()));
        entry.put("client", c.client());
        entry.put("scope", c.scope());
        if (c.acrValues() != null) {
            entry.put("acrValues", c.acrValues()); // the assurance level the relying party asks for
        }
        if (c.bindingMessage() != null) {
            entry.put("bindingMessage", c.bindingMessage());
        }
        entry.put("choices", c.choices());
        entry.put("expiresAt", c.expiresAt().toString());
        return entry;
    }

    /** A citizen and the enrolled device whose key signed a request. */
    private record SignedBy(UserModel citizen, CredentialModel device) {
    }

    /**
     * The citizen whose enrolled device signed {@code message(credentialId, timestamp)} (fields {@code idNumber,
     * credentialId, timestamp}, and {@code signature}: ES256; or, from an iOS App Attest key, which signs nothing
     * else, {@code assertion}: an App Attest assertion whose clientDataHash is SHA-256 of the message), within a
     * minute of the server's clock. One answer whether the citizen or the device is unknown: the endpoint tells
     * nobody who exists.
     */
    private SignedBy signedByDevice(RealmModel realm, JsonNode request, java.util.function.BiFunction<String, Long, byte[]> message) {
        String credentialId = request.path("credentialId").asText("");
        long timestamp = request.path("timestamp").asLong(0);
        UserModel citizen = citizenByNumber(realm, request.path("idNumber").asText(""));
        CredentialModel device = (citizen == null || !citizen.isEnabled() ? Optional.<CredentialModel>empty()
                : Devices.find(citizen, credentialId))
                .orElseThrow(() -> ApiError.badRequest("device_unknown", "no such device of this citizen (removed, or never enrolled)"));
        if (Math.abs(settings.clock().millis() - timestamp) > 60_000) {
            throw ApiError.badRequest("invalid_request", "timestamp is more than a minute off the server's clock");
        }
        byte[] signed = message.apply(credentialId, timestamp);
        boolean valid = Devices.appAttested(device)
                ? verifyAppAssertion(citizen, device, base64url(request, "assertion"), Decisions.sha256(signed))
                : Devices.verify(Devices.publicKey(device), signed, base64url(request, "signature"));
        if (!valid) {
            throw refused(realm, citizen, "signature_invalid", "the device key's signature does not verify");
        }
        return new SignedBy(citizen, device);
    }

    /**
     * The waiting browser's long poll: {@code pending}, {@code scanned} (a QR code), {@code decided}, {@code expired}
     * or {@code unknown}.
     * Tells nothing of the decision: the login that owns the challenge reads that.
     */
    @GET
    @Path("challenges/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking // the first read needs the request's session; the wait itself holds no thread
    public CompletionStage<Response> state(@PathParam("id") String id, @QueryParam("wait") Integer wait, @QueryParam("seen") String seen) {
        PushChallenges challenges = new PushChallenges(session, session.getContext().getRealm(), settings.clock());
        // Waits while nothing new happened: pending, or the state the page already shows ("scanned").
        return LongPoll.await(waiters, challenges, id, wait, seen)
                .thenApply(state -> noStore(Response.Status.OK, Map.of("state", state.name().toLowerCase(java.util.Locale.ROOT))));
    }

    /**
     * {@code {"credentialId", "decision": "approve"|"deny", "number"?, "authenticatorData", "clientDataJSON",
     * "signature"}} (base64url, a WebAuthn assertion whose challenge is {@link Decisions#signedChallenge}, user
     * verification required) → {@code {"decision": "approved"|"denied"|"wrong_number"}}. The signature counter
     * must grow (a cloned key's does not); the challenge is decided once.
     */
    @POST
    @Path("challenges/{id}/decision")
    @Produces(MediaType.APPLICATION_JSON)
    public Response decide(@PathParam("id") String id, InputStream body) throws IOException {
        RealmModel realm = session.getContext().getRealm();
        JsonNode request = read(body);
        String decision = request.path("decision").asText("");
        if (!decision.equals("approve") && !decision.equals("deny")) {
            throw ApiError.badRequest("invalid_request", "decision is approve or deny");
        }
        int number = decision.equals("approve") ? request.path("number").asInt(-1) : 0;
        String credentialId = request.path("credentialId").asText("");

        PushChallenges challenges = new PushChallenges(session, realm, settings.clock());
        PushChallenge challenge = challenges.find(id).orElseThrow(() -> refused(realm, null,
                challenges.state(id) == PushChallenges.State.EXPIRED ? "challenge_expired" : "challenge_unknown",
                "no such challenge waits for a decision (decided, expired or never issued)"));
        UserModel citizen = session.users().getUserById(realm, challenge.userId());
        if (!settings.clock().instant().isBefore(challenge.expiresAt())) {
            throw refused(realm, citizen, "challenge_expired", "the challenge expired");
        }
        Optional<CredentialModel> device = citizen == null ? Optional.empty() : Devices.find(citizen, credentialId);
        if (device.isEmpty()) {
            throw refused(realm, citizen, "device_unknown", "this device is not one of the citizen's (removed, or another citizen's)");
        }
        byte[] signed = Decisions.signedChallenge(challenge.challenge(), decision, number);
        boolean appAttest = Devices.appAttested(device.get());
        if (!(appAttest ? verifyAppAssertion(citizen, device.get(), base64url(request, "assertion"), signed)
                : verifyAssertion(realm, citizen, credentialId, request, signed))) {
            throw refused(realm, citizen, "assertion_invalid",
                    "the device's signature does not verify (wrong challenge, no user verification, or a counter that did not grow)");
        }
        if (challenges.take(id).isEmpty()) {
            throw refused(realm, citizen, "challenge_unknown", "the challenge was decided already");
        }
        PushChallenges.Decision outcome = decision.equals("deny") ? PushChallenges.Decision.DENIED
                : number == challenge.number() ? PushChallenges.Decision.APPROVED : PushChallenges.Decision.WRONG_NUMBER;
        DeviceBinding binding = DeviceBinding.current(citizen, device.get().getId());
        String card = binding.level() >= 2 ? FollowedCard.of(citizen, device.get().getId()).orElse(null) : null;
        String factors = appAttest ? Factors.APP_KEY : Factors.APP_KEY_UV; // App Attest proves the app and device, not the user
        challenges.record(challenge, outcome, binding, card, factors);
        // Meter dinhdanh_push_decided_total{kind, decision} in Keycloak's registry (docs/operations.md "Metrics").
        io.micrometer.core.instrument.Metrics.counter("dinhdanh.push.decided", "kind", challenge.kind().name().toLowerCase(
                java.util.Locale.ROOT), "decision", outcome.name().toLowerCase(java.util.Locale.ROOT)).increment();
        if (challenge.kind() == PushChallenge.Kind.CIBA) {
            switch (CibaRequests.complete(session, realm, challenge, outcome, binding, factors, citizen)) {
                case GONE -> throw refused(realm, citizen, "challenge_expired", "the relying party's request expired or was answered");
                case LEVEL_NOT_REACHED -> throw refused(realm, citizen, "level_not_reached",
                        "the relying party asked for level 2, which this device or account cannot give: the request is denied");
                case DONE -> { }
            }
        }
        LOG.infof("app: challenge %s decided: %s", id, outcome.name().toLowerCase(java.util.Locale.ROOT));
        return noStore(Response.Status.OK, Map.of("decision", outcome.name().toLowerCase(java.util.Locale.ROOT)));
    }

    /**
     * A WebAuthn assertion ({@code authenticatorData, clientDataJSON, signature}) over {@code signed}, user verified,
     * checked by Keycloak's own WebAuthn credential check (its counter must grow: a cloned key's does not).
     */
    private boolean verifyAssertion(RealmModel realm, UserModel citizen, String credentialId, JsonNode request, byte[] signed) {
        byte[] authenticatorData = base64url(request, "authenticatorData");
        byte[] clientData = base64url(request, "clientDataJSON");
        byte[] signature = base64url(request, "signature");
        if (authenticatorData.length < 37 || java.nio.ByteBuffer.wrap(authenticatorData, 33, 4).getInt() == 0) {
            // A signature counter of 0 would let a cloned key pass Keycloak's counter check: device keys must count.
            throw refused(realm, citizen, "assertion_invalid", "the device's signature counter does not count");
        }
        return Devices.verifyAssertion(session, realm, citizen, credentialId, authenticatorData, clientData, signature, signed,
                rpId(), origins());
    }

    /** An App Attest assertion whose clientDataHash is {@code signed}; its counter, which must grow, is stored. */
    private boolean verifyAppAssertion(UserModel citizen, CredentialModel device, byte[] assertion, byte[] signed) {
        if (settings.appAttest() == null) {
            return false;
        }
        for (String appId : settings.appAttestAppIds()) {
            try {
                long counter = settings.appAttest().verifyAppAssertion(device, assertion, signed, appId);
                WebAuthnCredentialModel model = WebAuthnCredentialModel.createFromCredentialModel(device);
                model.updateCounter(counter);
                citizen.credentialManager().updateStoredCredential(model);
                return true;
            } catch (WebAuthnException | IllegalArgumentException e) {
                LOG.debugf("app: App Attest assertion not of %s: %s", appId, e.getClass().getSimpleName());
            }
        }
        return false;
    }

    /**
     * A refused decision, scan or signed request, with its stable code: the API's JSON error and, when it concerns
     * a citizen, an event in their audit trail ({@code LOGIN_ERROR}, {@code login_method=app}, {@code reason=<code>}).
     * Requests naming nobody (a made-up challenge id) write no event: anyone could flood the trail with them.
     */
    private ApiError refused(RealmModel realm, UserModel citizen, String code, String description) {
        if (citizen != null) {
            new EventBuilder(realm, session, session.getContext().getConnection()).event(EventType.LOGIN_ERROR).user(citizen)
                    .detail("login_method", "app").detail("reason", code).error(Errors.INVALID_USER_CREDENTIALS);
        }
        return ApiError.badRequest(code, description);
    }

    String rpId() {
        return settings.rpId() != null ? settings.rpId() : session.getContext().getUri().getBaseUri().getHost();
    }

    Set<Origin> origins() {
        Set<Origin> origins = new HashSet<>();
        origins.add(new Origin(UriUtils.getOrigin(session.getContext().getUri().getBaseUri())));
        settings.origins().forEach(origin -> origins.add(new Origin(origin)));
        return origins;
    }

    /** The realm's user under a 12-digit number, or null (anything else is no number: no lookup). */
    UserModel citizenByNumber(RealmModel realm, String idNumber) {
        return Citizens.byNumber(session, realm, idNumber);
    }
}
