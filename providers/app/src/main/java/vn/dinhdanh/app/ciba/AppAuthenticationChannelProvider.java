package vn.dinhdanh.app.ciba;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.grants.ciba.channel.AuthenticationChannelProvider;
import org.keycloak.protocol.oidc.grants.ciba.channel.CIBAAuthenticationRequest;
import vn.dinhdanh.app.api.AppSettings;
import vn.dinhdanh.app.push.PushChallenge;
import vn.dinhdanh.app.push.PushChallenges;
import vn.dinhdanh.app.push.Pushes;

/**
 * A relying party's back-channel request (CIBA, {@code login_hint} = the citizen's ID number, resolved by
 * Keycloak) becomes a challenge for the citizen's app with the relying party's {@code binding_message}, and a
 * push to each device. The app's decision completes Keycloak's request ({@link CibaRequests}); the relying
 * party polls or is pinged as its client is configured. The request's level is its {@code acr_values} raised to the
 * client's minimum ACR; {@link CibaUserResolver} has refused, with {@code unknown_user_id}, citizens who cannot give it.
 * An optional {@code match_number} (10-99) that the caller reads to the citizen becomes the number to pick in the app.
 */
final class AppAuthenticationChannelProvider implements AuthenticationChannelProvider {

    private static final Logger LOG = Logger.getLogger(AppAuthenticationChannelProvider.class);

    private final KeycloakSession session;

    AppAuthenticationChannelProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public boolean requestAuthentication(CIBAAuthenticationRequest request, String infoUsedByAuthenticator) {
        RealmModel realm = session.getContext().getRealm();
        UserModel citizen = request.getUser();
        ClientModel client = request.getClient();
        Pushes pushes = Pushes.of(session);
        AppSettings settings = pushes.settings();
        // CibaUserResolver refused unknown numbers, citizens without a device able to give the level and spent quotas
        // with unknown_user_id; checked again here on the request as Keycloak parsed it (a signed request's acr_values).
        String acr = CibaLevels.effectiveAcr(client, request.getAcrValues());
        List<CredentialModel> devices = citizen == null ? List.of() : pushes.devices(citizen);
        if (citizen == null || !citizen.isEnabled() || !CibaLevels.reachable(citizen, devices, CibaLevels.asked(client, acr))) {
            LOG.infof("app: CIBA request of %s refused: level_unreachable", client.getClientId());
            return false;
        }
        PushChallenges challenges = new PushChallenges(session, realm, settings.clock());
        Duration lifetime = settings.pushLifetime();
        if (request.getExp() != null) {
            Duration left = Duration.between(settings.clock().instant(), Instant.ofEpochSecond(request.getExp()));
            lifetime = left.compareTo(lifetime) < 0 ? left : lifetime;
        }
        if (lifetime.toSeconds() < 1) {
            return false;
        }
        PushChallenge challenge = challenges.createCiba(citizen.getId(), request.getAuthResultId(), Pushes.clientName(client),
                request.getScope(), acr, request.getBindingMessage(), CibaUserResolver.matchNumber(request.getOtherClaims()), lifetime);
        pushes.send(realm, citizen, devices, challenge);
        LOG.infof("app: CIBA request of %s: challenge %s", client.getClientId(), challenge.id());
        return true;
    }

    @Override
    public void close() {
    }
}
