package vn.dinhdanh.population.freshness;

import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.util.List;
import org.apache.http.NameValuePair;
import org.apache.http.client.entity.UrlEncodedFormEntity;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.message.BasicNameValuePair;
import org.apache.http.util.EntityUtils;
import org.jboss.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.common.util.SecretGenerator;
import org.keycloak.common.util.Time;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.representations.LogoutToken;
import org.keycloak.services.managers.ResourceAdminManager;
import org.keycloak.util.JsonSerialization;

/**
 * Logout tokens a relying party did not accept when Keycloak sent them (down, 5xx, timeout), kept in
 * Keycloak's database and retried with {@link Backoff} by whichever node gets to them first (rows are
 * locked, skipped by the others). Each retry is a fresh token (new {@code jti}, {@code iat}, {@code exp}
 * two minutes ahead, as Keycloak issues them) with the same claims ({@code iss}, {@code aud}, {@code sub}
 * as that client saw it, {@code sid}, {@code events}), signed by the realm key for the client's algorithm.
 * When the window has passed, the notice is dropped with an admin event ({@link DeliveryFailures}).
 */
final class LogoutRetries {

    private static final Logger LOG = Logger.getLogger(LogoutRetries.class);
    private static final int BATCH = 50;

    private final KeycloakSession session;
    private final Backoff backoff;

    LogoutRetries(KeycloakSession session, Backoff backoff) {
        this.session = session;
        this.backoff = backoff;
    }

    private EntityManager database() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** Keeps {@code token} (as Keycloak built it for {@code client}) for a retry after Keycloak's own try failed. */
    void schedule(RealmModel realm, ClientModel client, LogoutToken token) {
        long now = System.currentTimeMillis();
        try {
            database().createNativeQuery("INSERT INTO DD_LOGOUT_RETRY (ID, REALM_ID, CLIENT_ID, LOGOUT_TOKEN, ATTEMPTS, FIRST_AT, NEXT_AT)"
                            + " VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6)")
                    .setParameter(1, KeycloakModelUtils.generateId()).setParameter(2, realm.getId()).setParameter(3, client.getId())
                    .setParameter(4, JsonSerialization.writeValueAsString(token)).setParameter(5, now)
                    .setParameter(6, now + backoff.delayMillis(1))
                    .executeUpdate();
        } catch (IOException e) {
            throw new IllegalStateException("cannot keep a logout token for a retry", e);
        }
        LOG.infof("backchannel logout to client %s failed; retrying with backoff", client.getClientId());
    }

    /** Tries every due notice once (those another node holds are skipped). */
    void runDue() {
        long now = System.currentTimeMillis();
        @SuppressWarnings("unchecked")
        List<Object[]> due = database().createNativeQuery("SELECT ID, REALM_ID, CLIENT_ID, LOGOUT_TOKEN, ATTEMPTS, FIRST_AT"
                        + " FROM DD_LOGOUT_RETRY WHERE NEXT_AT <= ?1 ORDER BY NEXT_AT LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED")
                .setParameter(1, now).getResultList();
        for (Object[] row : due) {
            String id = (String) row[0];
            RealmModel realm = session.realms().getRealm((String) row[1]);
            ClientModel client = realm == null ? null : realm.getClientById((String) row[2]);
            if (realm != null) {
                issuerOf((String) row[3]).flatMap(issuer -> FrontendUri.ofIssuer(realm, issuer))
                        .ifPresent(base -> FrontendUri.enter(session, base)); // URLs resolve as in a request to the issuer
            }
            String url = client == null || !client.isEnabled() ? null : ResourceAdminManager.getBackchannelLogoutUrl(session, client);
            if (url == null) {
                delete(id); // the client is gone, disabled or no longer wants back-channel logout
                continue;
            }
            int attempts = ((Number) row[4]).intValue() + 1;
            long firstAt = ((Number) row[5]).longValue();
            Integer status = send(realm, client, url, (String) row[3]);
            if (status != null && (status == 200 || status == 204)) {
                LOG.infof("backchannel logout to client %s delivered at attempt %d", client.getClientId(), attempts);
                delete(id);
            } else if (backoff.givenUp(firstAt, System.currentTimeMillis())) {
                new DeliveryFailures(session).backchannelLogoutFailed(realm, client, attempts, status);
                delete(id);
            } else {
                database().createNativeQuery("UPDATE DD_LOGOUT_RETRY SET ATTEMPTS = ?1, NEXT_AT = ?2 WHERE ID = ?3")
                        .setParameter(1, attempts).setParameter(2, System.currentTimeMillis() + backoff.delayMillis(attempts))
                        .setParameter(3, id).executeUpdate();
            }
        }
    }

    /** Posts a fresh logout token with the kept claims; the status, or null when nothing answered. */
    private Integer send(RealmModel realm, ClientModel client, String url, String claims) {
        ClientModel previousClient = session.getContext().getClient();
        RealmModel previousRealm = session.getContext().getRealm();
        try {
            session.getContext().setRealm(realm);
            session.getContext().setClient(client); // the signature algorithm is the client's
            LogoutToken token = JsonSerialization.readValue(claims, LogoutToken.class);
            token.id(SecretGenerator.getInstance().generateSecureID());
            token.issuedNow();
            token.exp((long) Time.currentTime() + 120);
            HttpPost post = new HttpPost(url);
            post.setEntity(new UrlEncodedFormEntity(List.<NameValuePair>of(
                    new BasicNameValuePair(OAuth2Constants.LOGOUT_TOKEN, session.tokens().encode(token)))));
            try (CloseableHttpResponse response = session.getProvider(HttpClientProvider.class).getHttpClient().execute(post)) {
                EntityUtils.consumeQuietly(response.getEntity());
                return response.getStatusLine().getStatusCode();
            }
        } catch (IOException e) {
            return null;
        } finally {
            session.getContext().setClient(previousClient);
            session.getContext().setRealm(previousRealm);
        }
    }

    private static java.util.Optional<String> issuerOf(String claims) {
        try {
            return java.util.Optional.ofNullable(JsonSerialization.readValue(claims, LogoutToken.class).getIssuer());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private void delete(String id) {
        database().createNativeQuery("DELETE FROM DD_LOGOUT_RETRY WHERE ID = ?1").setParameter(1, id).executeUpdate();
    }
}
