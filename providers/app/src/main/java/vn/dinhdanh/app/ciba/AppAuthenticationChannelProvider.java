package vn.dinhdanh.app.ciba;

import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;
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
 * party polls or is pinged as its client is configured. Refused (Keycloak answers 503) when the citizen has no
 * device or has had too many requests this minute.
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
        if (citizen == null || !citizen.isEnabled() || pushes.devices(citizen).isEmpty()) {
            LOG.infof("app: CIBA request of %s refused: no_device", client.getClientId());
            return false;
        }
        PushChallenges challenges = new PushChallenges(session, realm, settings.clock());
        if (!challenges.allow(citizen.getId(), settings.pushesPerMinute())) {
            LOG.infof("app: CIBA request of %s refused: too_many", client.getClientId());
            return false;
        }
        Duration lifetime = settings.pushLifetime();
        if (request.getExp() != null) {
            Duration left = Duration.between(settings.clock().instant(), Instant.ofEpochSecond(request.getExp()));
            lifetime = left.compareTo(lifetime) < 0 ? left : lifetime;
        }
        if (lifetime.toSeconds() < 1) {
            return false;
        }
        PushChallenge challenge = challenges.createCiba(citizen.getId(), request.getAuthResultId(), Pushes.clientName(client),
                request.getScope(), request.getAcrValues(), request.getBindingMessage(), lifetime);
        pushes.send(realm, citizen, challenge);
        LOG.infof("app: CIBA request of %s: challenge %s", client.getClientId(), challenge.id());
        return true;
    }

    @Override
    public void close() {
    }
}
