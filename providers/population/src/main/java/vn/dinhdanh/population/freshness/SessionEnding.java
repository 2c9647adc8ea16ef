package vn.dinhdanh.population.freshness;

import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.BackchannelLogoutResponse;
import org.keycloak.protocol.oidc.OIDCAdvancedConfigWrapper;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.saml.SamlProtocol;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Ends a citizen's sessions the way the admin console's "logout user" does
 * ({@code UserResource.logout}: not-before set to now, then {@link AuthenticationManager#backchannelLogout}
 * for each session), so relying parties get what Keycloak sends on an admin logout: an OIDC back-channel
 * logout token to each client of the session with a {@code backchannel.logout.url} (its {@code sub} as that
 * client sees it, pairwise included, and the session's {@code sid}), a SAML back-channel logout request to
 * each service provider with a logout service. Offline sessions end too (the admin logout keeps them; a
 * dead citizen's offline token must not live on). These notices are not sent here: they go into the logout
 * outbox ({@link LogoutNotices}) in this transaction, the one that moves the feed's position, and are sent
 * from there by any node ({@link LogoutDelivery}); the feed never waits for a relying party.
 * Each ended session is a {@code LOGOUT} event with {@code reason=<code>} and {@code initiated_by=registry}.
 */
final class SessionEnding {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(SessionEnding.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final LogoutNotices notices;
    private final Optional<URI> configuredBase;
    private int outboxed;

    SessionEnding(KeycloakSession session, RealmModel realm, LogoutNotices notices, Optional<URI> configuredBase) {
        this.session = session;
        this.realm = realm;
        this.notices = notices;
        this.configuredBase = configuredBase;
    }

    /** Ends every session (online and offline) of {@code user}; returns how many ended. */
    int endAll(UserModel user, String reason) {
        session.users().setNotBeforeForUser(realm, user, Time.currentTime());
        return end(user, reason, s -> true);
    }

    /**
     * Ends the sessions of {@code user} that reached a level of assurance above {@code level} (the most the
     * registry grants now); returns how many ended.
     */
    int endAbove(UserModel user, int level, String reason) {
        return end(user, reason, s -> s.getAuthenticatedClientSessions().values().stream()
                .anyMatch(client -> AcrStore.getCurrentLevelOfAuthentication(client) > level));
    }

    private int end(UserModel user, String reason, Predicate<UserSessionModel> which) {
        int ended = 0;
        // Collected first: a logout removes the session from the streams being read.
        for (UserSessionModel online : session.sessions().getUserSessionsStream(realm, user).filter(which).toList()) {
            end(online, false, reason);
            ended++;
        }
        for (UserSessionModel offline : session.sessions().getOfflineUserSessionsStream(realm, user).filter(which).toList()) {
            end(offline, true, reason);
            ended++;
        }
        return ended;
    }

    private void end(UserSessionModel userSession, boolean offline, String reason) {
        Optional<URI> base = FrontendUri.of(realm, userSession, configuredBase);
        base.ifPresent(uri -> FrontendUri.enter(session, uri)); // no request here: Keycloak resolves URLs against this
        // Keycloak reports each client's answer without naming the client, in the order of the session's client sessions.
        List<AuthenticatedClientSessionModel> clients = new ArrayList<>(userSession.getAuthenticatedClientSessions().values());
        Set<String> queued = new HashSet<>();
        for (AuthenticatedClientSessionModel client : clients) {
            if (backchannel(client)) {
                try {
                    // Built now, while the session lives: the sub as this client sees it (pairwise), the sid.
                    notices.token(realm, client.getClient(), session.tokens().initLogoutToken(client.getClient(), userSession.getUser(), client), base);
                    queued.add(client.getClient().getId());
                } catch (RuntimeException e) {
                    // A client whose mappers cannot build its token (e.g. a pairwise mapper without its salt) gets Keycloak's
                    // own try below, which fails the same way and is reported; it must not stop the feed for everyone else.
                    LOG.warnf("no logout token can be built for client %s (%s): not retried", client.getClient().getClientId(),
                            e.getClass().getSimpleName());
                }
            } else if (samlBackchannel(client)) {
                notices.saml(realm, client.getClient(), EndedSession.of(userSession, client), base);
                queued.add(client.getClient().getId());
            }
        }
        // What is in the outbox is sent from there, after this transaction commits; Keycloak's logout skips a client
        // session already logged out, and does everything else an admin logout does.
        clients.stream().filter(client -> queued.contains(client.getClient().getId()))
                .forEach(client -> client.setAction(AuthenticationSessionModel.Action.LOGGED_OUT.name()));
        UriInfo uri = base.map(FrontendUri::info).orElse(null);
        String sessionId = userSession.getId();
        String clientIds = String.join(",", clients.stream().map(c -> c.getClient().getClientId()).toList());
        BackchannelLogoutResponse response = AuthenticationManager.backchannelLogout(session, realm, userSession, uri,
                session.getContext().getConnection(), null, true, offline);
        List<BackchannelLogoutResponse.DownStreamBackchannelLogoutResponse> answers = response.getClientResponses();
        if (answers.size() == clients.size()) {
            for (int i = 0; i < clients.size(); i++) {
                AuthenticatedClientSessionModel client = clients.get(i);
                Optional<Integer> status = answers.get(i).getResponseCode();
                boolean accepted = status.map(code -> code == 200 || code == 204).orElse(false);
                boolean oidc = OIDCLoginProtocol.LOGIN_PROTOCOL.equals(client.getProtocol());
                if (!queued.contains(client.getClient().getId()) && status.isPresent() && !accepted
                        && (oidc || SamlProtocol.LOGIN_PROTOCOL.equals(client.getProtocol()))) {
                    new DeliveryFailures(session).notRetried(realm, client.getClient(), client.getProtocol(), status.get());
                }
            }
        }
        new EventBuilder(realm, session, session.getContext().getConnection()).event(EventType.LOGOUT)
                .user(userSession.getUser()).session(sessionId)
                .detail("reason", reason).detail("initiated_by", "registry").detail("offline", String.valueOf(offline))
                .detail("clients", clientIds).success();
        outboxed += queued.size();
    }

    /** How many notices this ending put in the outbox. */
    int queued() {
        return outboxed;
    }

    private boolean samlBackchannel(AuthenticatedClientSessionModel clientSession) {
        ClientModel client = clientSession.getClient();
        return SamlProtocol.LOGIN_PROTOCOL.equals(clientSession.getProtocol()) && client.isEnabled()
                && !client.isFrontchannelLogout() && NoticeSender.hasBackchannelLogout(session, client);
    }

    private boolean backchannel(AuthenticatedClientSessionModel clientSession) {
        ClientModel client = clientSession.getClient();
        String url = OIDCAdvancedConfigWrapper.fromClientModel(client).getBackchannelLogoutUrl();
        return OIDCLoginProtocol.LOGIN_PROTOCOL.equals(clientSession.getProtocol()) && client.isEnabled()
                && !client.isFrontchannelLogout() && url != null && !url.isEmpty();
    }
}
