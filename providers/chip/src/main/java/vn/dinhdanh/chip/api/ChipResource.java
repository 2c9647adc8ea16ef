package vn.dinhdanh.chip.api;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;
import vn.dinhdanh.chip.ChipVerifier;
import vn.dinhdanh.chip.challenge.ChipChallenge;
import vn.dinhdanh.chip.challenge.ChipChallenges;
import vn.dinhdanh.chip.challenge.LoginOutcome;
import vn.dinhdanh.chip.lds.ChipIdentity;
import vn.dinhdanh.chip.registry.RegistryCitizens;
import vn.dinhdanh.chip.verdict.ChipFailure;
import vn.dinhdanh.chip.verdict.Verdict;
import vn.dinhdanh.evidence.LoginNotes;
import vn.dinhdanh.waiting.ClusterWaiters;
import vn.dinhdanh.tracker.DataTracker;

/**
 * {@code /realms/{realm}/chip}: challenges for a reader, and verifications of what it read (README
 * "CCCD chip card" documents the contract with examples). Open to any caller, as the citizen's app reads
 * a card without an account; the {@code person} block only for eKYC service accounts. Logs name the
 * challenge and the outcome, never a number, a name or a file.
 */
public final class ChipResource {

    private static final Logger LOG = Logger.getLogger(ChipResource.class);
    /** How long one state request may wait for an answer (the login page asks again). */
    static final int MAX_WAIT_SECONDS = 20;

    private final KeycloakSession session;
    private final ChipSettings settings;
    private final ClusterWaiters waiters;

    public ChipResource(KeycloakSession session, ChipSettings settings, ClusterWaiters waiters) {
        this.session = session;
        this.settings = settings;
        this.waiters = waiters;
    }

    private RealmModel realm() {
        return session.getContext().getRealm();
    }

    private ChipChallenges challenges() {
        return new ChipChallenges(session, realm(), settings.clock(), settings.challengeLifetime());
    }

    @POST
    @Path("challenges")
    @Produces(MediaType.APPLICATION_JSON)
    public Response issue() {
        ChipChallenge challenge = challenges().issue();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("challengeId", challenge.id());
        body.put("nonce", challenge.nonceBase64());
        body.put("expiresAt", challenge.expiresAt().toString());
        return Response.status(Response.Status.CREATED).entity(body).header("Cache-Control", "no-store").build();
    }

    /**
     * Whether challenge {@code id} was answered: {@code pending}, {@code answered}, {@code expired} or
     * {@code unknown}; for a pending login challenge also the relying party ({@code login.client}), which
     * the citizen's app shows before reading the card. With {@code wait}, holds the request up to that many
     * seconds while pending (the login page's long poll). Tells nothing of the outcome: the login that owns
     * the challenge reads that.
     */
    @GET
    @Path("challenges/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking // the first read needs the request's session; the wait itself holds no thread
    public CompletionStage<Response> state(@PathParam("id") String id, @QueryParam("wait") Integer wait) {
        ChipChallenges challenges = challenges();
        int seconds = Math.max(0, Math.min(wait == null ? 0 : wait, MAX_WAIT_SECONDS));
        // A pending login's relying party is read now, with the request's session: the answer may be written after it closed.
        Optional<String> client = challenges.loginClient(id);
        return waiters.await(id, Duration.ofSeconds(ChipChallenges.wellFormed(id) ? seconds : 0), () -> challenges.state(id),
                        state -> state == ChipChallenges.State.PENDING, ChipChallenges.State::valueOf)
                .thenApply(state -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("state", state.name().toLowerCase(Locale.ROOT));
                    if (state == ChipChallenges.State.PENDING) {
                        client.ifPresent(name -> body.put("login", Map.of("client", name)));
                    }
                    return Response.ok(body).header("Cache-Control", "no-store").build();
                });
    }

    @POST
    @Path("verifications")
    @Produces(MediaType.APPLICATION_JSON)
    public Response verify(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) throws IOException {
        if (!json(contentType)) {
            throw ApiError.unsupportedMediaType();
        }
        String ekycClient = ekycCaller();
        VerificationRequest request = VerificationRequest.read(body, settings.maxRequestBytes());

        ChipChallenges challenges = challenges();
        ChipChallenges.Consumed consumed = challenges.consume(request.challengeId());
        if (!consumed.usable()) {
            if (consumed.challenge() != null && consumed.challenge().forLogin()) {
                challenges.recordOutcome(consumed.challenge(), LoginOutcome.invalid(consumed.failure().code()));
            }
            LOG.infof("chip verification refused: challenge %s %s", request.challengeId(), consumed.failure().code());
            throw ApiError.challenge(consumed.failure().code());
        }
        ChipChallenge challenge = consumed.challenge();

        RegistryCitizens registry = new RegistryCitizens(session, realm());
        Verdict verdict = new ChipVerifier(settings.trustStore(), registry, settings.clock(), settings.policy())
                .verify(request.presentation(), challenge.nonce(), registry);
        if (challenge.forLogin()) {
            challenges.recordOutcome(challenge, verdict.valid()
                    ? LoginOutcome.valid(verdict.identity().orElseThrow().idNumber(), cardOf(verdict.identity().orElseThrow()),
                            verdict.chipAuthenticated())
                    : LoginOutcome.invalid(verdict.failure().orElseThrow().code()));
        }
        LOG.infof("chip verification: challenge %s %s%s%s", challenge.id(),
                verdict.valid() ? "valid" : "invalid " + verdict.failure().orElseThrow().code(),
                challenge.forLogin() ? " (login)" : "", ekycClient == null ? "" : " for eKYC client " + ekycClient);
        // Meter dinhdanh_chip_verdicts_total{code} in Keycloak's registry (docs/operations.md "Metrics").
        io.micrometer.core.instrument.Metrics.counter("dinhdanh.chip.verdicts", "code",
                verdict.valid() ? "valid" : verdict.failure().orElseThrow().code()).increment();

        Map<String, Object> answer = VerificationAnswer.of(verdict);
        if (ekycClient != null && verdict.valid()) {
            UserModel citizen = registry.user(verdict.identity().orElseThrow().idNumber());
            Map<String, Object> person = VerificationAnswer.person(verdict.identity().orElseThrow(), citizen);
            answer.put("person", person);
            // A release of personal data to the bank: recorded with this request's transaction (data tracker).
            session.getProvider(DataTracker.class).recordEkycAnswer(realm().getId(), ekycClient, citizen.getId(), person);
        }
        Response.Status status = verdict.failure().filter(f -> f == ChipFailure.REGISTRY_UNAVAILABLE).isPresent()
                ? Response.Status.SERVICE_UNAVAILABLE : Response.Status.OK;
        return Response.status(status).entity(answer).header("Cache-Control", "no-store").build();
    }

    /** The card a chip was, as a login's evidence keeps it; null when the chip gives no issue day. */
    private static String cardOf(ChipIdentity identity) {
        return identity.issueDate() == null ? null : LoginNotes.card(identity.idNumber(), identity.issueDate().toString());
    }

    private static boolean json(String contentType) {
        try {
            return contentType != null && MediaType.APPLICATION_JSON_TYPE.isCompatible(MediaType.valueOf(contentType));
        } catch (IllegalArgumentException e) {
            return false; // a malformed header is just not JSON
        }
    }

    /**
     * The eKYC client calling, or null for an anonymous caller (the citizen's app). A bearer token must be
     * valid, of a service account, with the eKYC realm role: anything less is refused, never served as
     * anonymous, so that a misconfigured bank learns it at once.
     */
    private String ekycCaller() {
        if (session.getContext().getRequestHeaders().getHeaderString(HttpHeaders.AUTHORIZATION) == null) {
            return null;
        }
        AuthenticationManager.AuthResult auth;
        try {
            auth = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        } catch (RuntimeException e) {
            throw ApiError.invalidToken();
        }
        if (auth == null) {
            throw ApiError.invalidToken();
        }
        RoleModel role = realm().getRole(settings.ekycRole());
        // The token's own client's service account: not a user's token, not another client's account.
        if (!auth.client().getId().equals(auth.user().getServiceAccountClientLink()) || role == null || !auth.user().hasRole(role)) {
            throw ApiError.forbidden(settings.ekycRole());
        }
        return auth.client().getClientId();
    }
}
