package vn.dinhdanh.population.freshness;

import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.http.NameValuePair;
import org.apache.http.client.entity.UrlEncodedFormEntity;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.message.BasicNameValuePair;
import org.apache.http.util.EntityUtils;
import org.keycloak.OAuth2Constants;
import org.keycloak.common.util.SecretGenerator;
import org.keycloak.common.util.Time;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.LoginProtocol;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.saml.SamlProtocol;
import org.keycloak.representations.LogoutToken;
import org.keycloak.services.managers.ResourceAdminManager;
import org.keycloak.util.JsonSerialization;

/**
 * Sends one notice of the outbox, in a session that serves no request (the base URI the session ended under stands
 * in for one, so relative URLs and the realm's issuer resolve as they did then):
 * <ul>
 *   <li>OIDC: the logout token Keycloak built at the logout, re-stamped as Keycloak issues one (new {@code jti},
 *       {@code iat}, {@code exp} two minutes ahead), signed by the realm key for the client's algorithm and posted to
 *       its {@code backchannel.logout.url}; accepted on 200 or 204. The exchange is aborted after
 *       {@link #DEADLINE_MILLIS} whatever the HTTP client's timeouts (a relying party that trickles bytes holds no
 *       sender for longer).</li>
 *   <li>SAML: Keycloak's own {@code SamlProtocol.backchannelLogout} on the kept client session ({@link EndedSession}):
 *       a fresh, signed LogoutRequest by SOAP, or by POST when the provider has no SOAP service. Keycloak reports a
 *       SOAP answer it could not validate or a POST that got no HTTP answer as a failure; a POST answered with any
 *       status counts as delivered (Keycloak does not look at it).</li>
 * </ul>
 */
final class NoticeSender {

    /** The longest an OIDC delivery may take. */
    static final long DEADLINE_MILLIS = 10_000;

    /** What came of a send: accepted, nobody left to tell (client gone, disabled, no logout URL), or failed. */
    record Outcome(boolean accepted, boolean nobody, String lastStatus) {
        static final Outcome NOBODY = new Outcome(false, true, null);
    }

    private final KeycloakSession session;
    private final ScheduledExecutorService watchdog;

    NoticeSender(KeycloakSession session, ScheduledExecutorService watchdog) {
        this.session = session;
        this.watchdog = watchdog;
    }

    Outcome send(LogoutNotices.Notice notice, RealmModel realm, ClientModel client) throws IOException {
        if (realm == null || client == null || !client.isEnabled()) {
            return Outcome.NOBODY;
        }
        session.getContext().setRealm(realm);
        Optional<URI> base = notice.base().isPresent() || !OIDCLoginProtocol.LOGIN_PROTOCOL.equals(notice.protocol())
                ? notice.base()
                // kept before the outbox recorded the base: the token's issuer names it
                : FrontendUri.ofIssuer(realm, JsonSerialization.readValue(notice.payload(), LogoutToken.class).getIssuer());
        base.ifPresent(uri -> FrontendUri.enter(session, uri)); // URLs resolve as in a request to the issuer
        return SamlProtocol.LOGIN_PROTOCOL.equals(notice.protocol())
                ? saml(notice, realm, client, base)
                : oidc(notice, client);
    }

    private Outcome oidc(LogoutNotices.Notice notice, ClientModel client) throws IOException {
        String url = ResourceAdminManager.getBackchannelLogoutUrl(session, client);
        if (url == null) {
            return Outcome.NOBODY; // the client no longer wants back-channel logout
        }
        ClientModel previous = session.getContext().getClient();
        session.getContext().setClient(client); // the signature algorithm is the client's
        try {
            LogoutToken token = JsonSerialization.readValue(notice.payload(), LogoutToken.class);
            token.id(SecretGenerator.getInstance().generateSecureID());
            token.issuedNow();
            token.exp((long) Time.currentTime() + 120);
            HttpPost post = new HttpPost(url);
            post.setEntity(new UrlEncodedFormEntity(List.<NameValuePair>of(
                    new BasicNameValuePair(OAuth2Constants.LOGOUT_TOKEN, session.tokens().encode(token)))));
            ScheduledFuture<?> deadline = watchdog.schedule(post::abort, DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
            try (CloseableHttpResponse response = session.getProvider(HttpClientProvider.class).getHttpClient().execute(post)) {
                EntityUtils.consumeQuietly(response.getEntity());
                int status = response.getStatusLine().getStatusCode();
                return new Outcome(status == 200 || status == 204, false, String.valueOf(status));
            } catch (IOException e) {
                return new Outcome(false, false, null);
            } finally {
                deadline.cancel(false);
            }
        } finally {
            session.getContext().setClient(previous);
        }
    }

    private Outcome saml(LogoutNotices.Notice notice, RealmModel realm, ClientModel client, Optional<URI> base) throws IOException {
        if (!hasBackchannelLogout(session, client)) {
            return Outcome.NOBODY;
        }
        EndedSession ended = JsonSerialization.readValue(notice.payload(), EndedSession.class);
        var clientSession = ended.clientSession(session, realm, client);
        LoginProtocol protocol = session.getProvider(LoginProtocol.class, SamlProtocol.LOGIN_PROTOCOL);
        protocol.setRealm(realm).setUriInfo(base.map(FrontendUri::info).orElse(null));
        try (Response response = protocol.backchannelLogout(clientSession.getUserSession(), clientSession)) {
            int status = response.getStatus();
            return new Outcome(status == 200 || status == 204, false, status == 200 || status == 204 ? String.valueOf(status) : "not_accepted");
        }
    }

    /** A SAML provider Keycloak can log out on the back channel: a SOAP or POST Single Logout service (or its admin URL). */
    static boolean hasBackchannelLogout(KeycloakSession session, ClientModel client) {
        return SamlProtocol.getLogoutServiceUrl(session, client, SamlProtocol.SAML_SOAP_BINDING, true) != null
                || SamlProtocol.getLogoutServiceUrl(session, client, SamlProtocol.SAML_POST_BINDING, true) != null;
    }
}
