package vn.dinhdanh.population.freshness;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * What a protocol's back-channel logout reads of one client session, kept in the logout outbox when the registry ends
 * the session, so that the notice can be sent later, by any node, after the session itself is gone. Keycloak's SAML
 * logout ({@code SamlProtocol.backchannelLogout}) builds its LogoutRequest from the client session's notes (NameID and
 * its format) and the session index ({@code <user session id>::<client id>}); {@link #clientSession} gives it a
 * read-only stand-in with exactly these, so the request sent is the one Keycloak would have sent at the logout.
 *
 * @param userSessionId   the ended user session's id (the SAML session index, the OIDC {@code sid})
 * @param userId          Keycloak's id of the citizen
 * @param offline         whether it was an offline session
 * @param started         when the user session started (epoch seconds)
 * @param clientSessionId the client session's id
 * @param protocol        the client session's protocol ({@code saml}, {@code openid-connect})
 * @param notes           the client session's notes, as they were
 */
record EndedSession(String userSessionId, String userId, boolean offline, int started, String clientSessionId,
                    String protocol, Map<String, String> notes) {

    static EndedSession of(UserSessionModel userSession, AuthenticatedClientSessionModel clientSession) {
        return new EndedSession(userSession.getId(), userSession.getUser().getId(), userSession.isOffline(),
                userSession.getStarted(), clientSession.getId(), clientSession.getProtocol(), Map.copyOf(clientSession.getNotes()));
    }

    /** A stand-in for the ended client session of {@code client}, inside a stand-in for its ended user session. */
    AuthenticatedClientSessionModel clientSession(KeycloakSession session, RealmModel realm, ClientModel client) {
        Ended user = new Ended(session, realm);
        Client stale = new Client(realm, client, user);
        user.clients.put(client.getId(), stale);
        return stale;
    }

    /** The ended user session: its id, user and client session; nothing can be changed that outlives the logout. */
    private final class Ended implements UserSessionModel {

        private final KeycloakSession session;
        private final RealmModel realm;
        private final Map<String, AuthenticatedClientSessionModel> clients = new HashMap<>();
        private final Map<String, String> userNotes = new HashMap<>();
        private State state = State.LOGGED_OUT;

        Ended(KeycloakSession session, RealmModel realm) {
            this.session = session;
            this.realm = realm;
        }

        @Override public String getId() { return userSessionId; }
        @Override public RealmModel getRealm() { return realm; }
        @Override public String getBrokerSessionId() { return null; }
        @Override public String getBrokerUserId() { return null; }
        @Override public UserModel getUser() { return session.users().getUserById(realm, userId); }
        // Not kept; the user id, which is kept until the notice is sent (at most an hour), holds the ID number.
        @Override public String getLoginUsername() { return null; }
        @Override public String getIpAddress() { return null; }
        @Override public String getAuthMethod() { return protocol; }
        @Override public boolean isRememberMe() { return false; }
        @Override public int getStarted() { return started; }
        @Override public int getLastSessionRefresh() { return started; }
        @Override public void setLastSessionRefresh(int seconds) { }
        @Override public boolean isOffline() { return offline; }
        @Override public Map<String, AuthenticatedClientSessionModel> getAuthenticatedClientSessions() { return clients; }
        @Override public void removeAuthenticatedClientSessions(Collection<String> removed) { removed.forEach(clients::remove); }
        @Override public String getNote(String name) { return userNotes.get(name); }
        @Override public void setNote(String name, String value) { userNotes.put(name, value); }
        @Override public void removeNote(String name) { userNotes.remove(name); }
        @Override public Map<String, String> getNotes() { return userNotes; }
        @Override public State getState() { return state; }
        @Override public void setState(State state) { this.state = state; }

        @Override
        public void restartSession(RealmModel realm, UserModel user, String loginUsername, String ipAddress, String authMethod,
                                   boolean rememberMe, String brokerSessionId, String brokerUserId) {
            throw new UnsupportedOperationException("an ended session cannot be restarted");
        }
    }

    /** The ended client session: its client, protocol and notes (a copy: writes go nowhere). */
    private final class Client implements AuthenticatedClientSessionModel {

        private final RealmModel realm;
        private final ClientModel client;
        private final UserSessionModel user;
        private final Map<String, String> clientNotes = new HashMap<>(notes);
        private String action = Action.LOGGING_OUT.name();

        Client(RealmModel realm, ClientModel client, UserSessionModel user) {
            this.realm = realm;
            this.client = client;
            this.user = user;
        }

        @Override public String getId() { return clientSessionId; }
        @Override public int getTimestamp() { return started; }
        @Override public void setTimestamp(int timestamp) { }
        @Override public void detachFromUserSession() { }
        @Override public UserSessionModel getUserSession() { return user; }
        @Override public String getNote(String name) { return clientNotes.get(name); }
        @Override public void setNote(String name, String value) { clientNotes.put(name, value); }
        @Override public void removeNote(String name) { clientNotes.remove(name); }
        @Override public Map<String, String> getNotes() { return clientNotes; }
        @Override public String getRedirectUri() { return null; }
        @Override public void setRedirectUri(String uri) { }
        @Override public RealmModel getRealm() { return realm; }
        @Override public ClientModel getClient() { return client; }
        @Override public String getAction() { return action; }
        @Override public void setAction(String action) { this.action = action; }
        @Override public String getProtocol() { return protocol; }
        @Override public void setProtocol(String method) { }
    }
}
