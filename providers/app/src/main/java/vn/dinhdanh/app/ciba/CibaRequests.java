package vn.dinhdanh.app.ciba;

import java.io.IOException;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.http.simple.SimpleHttp;
import org.keycloak.models.CibaConfig;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OAuth2DeviceCodeModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.grants.ciba.CibaGrantType;
import org.keycloak.protocol.oidc.grants.device.DeviceGrantType;
import org.keycloak.protocol.oidc.grants.device.endpoints.DeviceEndpoint;
import org.keycloak.protocol.oidc.utils.AcrUtils;
import vn.dinhdanh.app.device.DeviceBinding;
import vn.dinhdanh.app.push.PushChallenge;
import vn.dinhdanh.app.push.PushChallenges;
import vn.dinhdanh.evidence.Evidence;
import vn.dinhdanh.evidence.LoginNotes;
import vn.dinhdanh.evidence.Methods;

/**
 * Completes Keycloak's CIBA request with the app's decision: what Keycloak's authentication-channel callback
 * endpoint does when an external device calls back, done in place (the app's signed decision is our callback).
 * Approval marks the request approved (the relying party's next token request gets tokens, with the method
 * in the session's notes), a denial denies it ({@code access_denied}); in ping mode the relying party's
 * notification endpoint is then called with its {@code client_notification_token}.
 */
public final class CibaRequests {

    private static final Logger LOG = Logger.getLogger(CibaRequests.class);

    private CibaRequests() {
    }

    /** How a decision ended Keycloak's request. */
    public enum Completion {
        DONE,
        /** Keycloak's request is gone (expired, or already answered). */
        GONE,
        /** Approved, but the request asked level 2 and this approval cannot give it: denied instead. */
        LEVEL_NOT_REACHED
    }

    public static Completion complete(KeycloakSession session, RealmModel realm, PushChallenge challenge, PushChallenges.Decision decision,
                                      DeviceBinding binding, String factors, UserModel citizen) {
        OAuth2DeviceCodeModel request = DeviceEndpoint.getDeviceByUserCode(session, realm, challenge.cibaRequest());
        if (request == null || !request.isPending()) {
            return Completion.GONE;
        }
        ClientModel client = realm.getClientByClientId(request.getClientId());
        if (decision == PushChallenges.Decision.APPROVED && client != null
                && CibaLevels.asked(client, challenge.acrValues()) >= 2 && !levelTwo(citizen, binding, factors)) {
            // Never a token below the level asked: the relying party gets access_denied instead.
            DeviceGrantType.denyUserCode(session, realm, challenge.cibaRequest());
            return Completion.LEVEL_NOT_REACHED;
        }
        boolean done = decision == PushChallenges.Decision.APPROVED
                ? DeviceGrantType.approveUserCode(session, realm, challenge.cibaRequest(), "dinhdanh-app",
                        LoginNotes.cibaApproval(Methods.APP, factors, binding.code()))
                : DeviceGrantType.denyUserCode(session, realm, challenge.cibaRequest());
        if (done && client != null && CibaConfig.CIBA_PING_MODE.equals(realm.getCibaPolicy().getBackchannelTokenDeliveryMode(client))) {
            ping(session, realm.getCibaPolicy().getBackchannelClientNotificationEndpoint(client), request);
        }
        return done ? Completion.DONE : Completion.GONE;
    }

    /**
     * The level-2 rule (providers/evidence Evidence) for what one app approval proves: a key bound at level 2 that
     * verified the user, for a registry record at e-ID level 2.
     */
    static boolean levelTwo(UserModel citizen, DeviceBinding binding, String factors) {
        return Evidence.none().with(factors, binding.code()).level(LoginNotes.registryLevel(citizen)) >= 2;
    }

    /** CIBA ping mode: tells the relying party its request is answered (it then asks the token endpoint). */
    private static void ping(KeycloakSession session, String endpoint, OAuth2DeviceCodeModel request) {
        if (endpoint == null) {
            LOG.warnf("app: CIBA client %s is in ping mode without a notification endpoint", request.getClientId());
            return;
        }
        try {
            int status = SimpleHttp.create(session).doPost(endpoint).json(Map.of(CibaGrantType.AUTH_REQ_ID, request.getAuthReqId()))
                    .auth(request.getClientNotificationToken()).asStatus();
            if (status != 200 && status != 204) {
                LOG.warnf("app: CIBA ping to client %s answered %d", request.getClientId(), status);
            }
        } catch (IOException e) {
            LOG.warnf("app: CIBA ping to client %s failed: %s", request.getClientId(), e.getClass().getSimpleName());
        }
    }
}
