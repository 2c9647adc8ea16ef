package vn.dinhdanh.app.ciba;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.OAuthErrorException;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.grants.ciba.resolvers.CIBALoginUserResolver;
import org.keycloak.services.ErrorResponseException;
import vn.dinhdanh.app.push.PushChallenges;
import vn.dinhdanh.app.push.Pushes;
import vn.dinhdanh.population.storage.Citizens;
import vn.dinhdanh.app.limit.SlotLimit;

/**
 * Resolves a CIBA request's {@code login_hint} (the 12-digit ID number) to the citizen, refusing before any push:
 *
 * <ul>
 *   <li>the client over its quota of requests a minute: 429 {@code slow_down} (before any lookup: it says nothing of
 *       the number);</li>
 *   <li>no such number, a citizen who may not log in, no device, no device that can give the level asked (the request's
 *       {@code acr_values} with the client's minimum ACR: providers/evidence rule), or the citizen's pushes a minute
 *       spent: one answer, 400 {@code unknown_user_id}, the same text, so that a relying party cannot learn which
 *       numbers exist or have the app.</li>
 * </ul>
 * The resolver sees the request's form (where Keycloak's CIBA endpoint read {@code acr_values}); the authentication
 * channel checks the level again on the request Keycloak parsed ({@link AppAuthenticationChannelProvider}).
 */
final class CibaUserResolver implements CIBALoginUserResolver {

    private static final Logger LOG = Logger.getLogger(CibaUserResolver.class);
    private static final String RATE = "dinhdanh.ciba.rate.client.";
    /** Optional request parameter: the number (10-99) the relying party's caller reads to the citizen, who picks it in the app. */
    static final String MATCH_NUMBER = "match_number";

    private final KeycloakSession session;
    private final int perClient;

    CibaUserResolver(KeycloakSession session, int perClient) {
        this.session = session;
        this.perClient = perClient;
    }

    @Override
    public UserModel getUserFromLoginHint(String loginHint) {
        RealmModel realm = session.getContext().getRealm();
        ClientModel client = session.getContext().getClient();
        Pushes pushes = Pushes.of(session);
        PushChallenges challenges = new PushChallenges(session, realm, pushes.settings().clock());
        if (client == null || !quota(realm, client)) {
            LOG.infof("app: CIBA request of %s refused: client quota", client == null ? "?" : client.getClientId());
            throw new ErrorResponseException(OAuthErrorException.SLOW_DOWN,
                    "too many back-channel requests from this client: at most " + perClient + " a minute", Response.Status.TOO_MANY_REQUESTS);
        }
        MultivaluedMap<String, String> form = session.getContext().getHttpRequest().getDecodedFormParameters();
        String match = form.getFirst(MATCH_NUMBER);
        if (match != null && !match.matches("[1-9][0-9]")) {
            throw new ErrorResponseException(OAuthErrorException.INVALID_REQUEST, MATCH_NUMBER + " is a number from 10 to 99",
                    Response.Status.BAD_REQUEST);
        }
        String number = loginHint == null ? "" : loginHint.strip();
        UserModel citizen = Citizens.byNumber(session, realm, number);
        String refusal = refusal(client, citizen, pushes);
        if (refusal == null && !challenges.allow(citizen.getId(), pushes.settings().pushesPerMinute())) {
            refusal = "too_many";
        }
        if (refusal != null) {
            LOG.infof("app: CIBA request of %s refused: %s", client.getClientId(), refusal);
            throw unknown();
        }
        return citizen;
    }

    /** Why the request cannot go to the citizen's app (a code for the log only), or null. */
    private String refusal(ClientModel client, UserModel citizen, Pushes pushes) {
        if (citizen == null || !citizen.isEnabled()) {
            return "no_citizen";
        }
        List<CredentialModel> devices = pushes.devices(citizen);
        if (devices.isEmpty()) {
            return "no_device";
        }
        MultivaluedMap<String, String> form = session.getContext().getHttpRequest().getDecodedFormParameters();
        int asked = CibaLevels.asked(client, form.getFirst(OIDCLoginProtocol.ACR_PARAM));
        return CibaLevels.reachable(citizen, devices, asked) ? null : "level_unreachable";
    }

    /** One of the client's {@code perClient} slots of the minute (atomic, cluster-wide). */
    private boolean quota(RealmModel realm, ClientModel client) {
        return SlotLimit.take(session.singleUseObjects(), RATE + realm.getId() + "." + client.getId(), perClient, 60);
    }

    /** The request's {@link #MATCH_NUMBER} as Keycloak kept it among its other parameters; 0 when none. */
    static int matchNumber(java.util.Map<String, Object> otherClaims) {
        Object value = otherClaims == null ? null : otherClaims.get(MATCH_NUMBER);
        String text = value == null ? "" : String.valueOf(value);
        return text.matches("[1-9][0-9]") ? Integer.parseInt(text) : 0;
    }

    static ErrorResponseException unknown() {
        return new ErrorResponseException("unknown_user_id", "no citizen this request can go to", Response.Status.BAD_REQUEST);
    }

    @Override
    public String getInfoUsedByAuthentication(UserModel user) {
        return user.getUsername();
    }

    @Override
    public UserModel getUserFromInfoUsedByAuthentication(String info) {
        return KeycloakModelUtils.findUserByNameOrEmail(session, session.getContext().getRealm(), info);
    }

    @Override
    public void close() {
    }
}
