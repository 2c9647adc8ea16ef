package vn.dinhdanh.population.freshness;

import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.saml.SamlProtocol;
import org.keycloak.representations.LogoutToken;
import org.keycloak.util.JsonSerialization;

/**
 * The logout outbox in Keycloak's database ({@code DD_LOGOUT_NOTICE}): one row per relying party to tell that a
 * session ended. Rows are written in the transaction that ends the sessions and moves the feed's position, so a
 * notice exists exactly when its session's end was committed. Any node then claims a due row for a while (a lease:
 * holder and end time, committed at once, so the row is locked only for the claim), sends it outside any lock
 * ({@link NoticeSender}), and records the outcome: delivered (the row goes), failed (tried again with {@link Backoff}),
 * or given up when the window has passed (an admin event, {@link DeliveryFailures}). A node that dies while sending
 * leaves its lease to run out; then another node takes the row.
 */
final class LogoutNotices {

    /** How long a claim holds a notice: longer than a send may take ({@link NoticeSender#DEADLINE_MILLIS}). */
    static final long LEASE_MILLIS = 30_000;
    /** Notices in flight to one relying party at a time, cluster-wide: one that never answers takes no more senders. */
    static final int PER_CLIENT = 4;

    /** The most overdue notice free to claim ({@code ?1} = now, ms), locked; rows other nodes are claiming are skipped. */
    static final String CLAIM = "SELECT n.ID, n.REALM_ID, n.CLIENT_ID, n.PROTOCOL, n.PAYLOAD, n.BASE_URI, n.ATTEMPTS, n.FIRST_AT,"
            + " n.LEASE_HOLDER FROM DD_LOGOUT_NOTICE n"
            + " WHERE n.NEXT_AT <= ?1 AND (n.LEASE_UNTIL IS NULL OR n.LEASE_UNTIL <= ?1)"
            + " AND (SELECT count(*) FROM DD_LOGOUT_NOTICE b WHERE b.CLIENT_ID = n.CLIENT_ID AND b.LEASE_UNTIL > ?1) < " + PER_CLIENT
            + " ORDER BY n.NEXT_AT LIMIT 1 FOR UPDATE OF n SKIP LOCKED";
    /** The claim: {@code ?1} holds notice {@code ?3} until {@code ?2} (ms). */
    static final String LEASE = "UPDATE DD_LOGOUT_NOTICE SET LEASE_HOLDER = ?1, LEASE_UNTIL = ?2 WHERE ID = ?3";

    /** One row of the outbox, as claimed. */
    record Notice(String id, String realmId, String clientId, String protocol, String payload, Optional<URI> base,
                  int attempts, long firstAt, String previousHolder) {
    }

    private final KeycloakSession session;

    LogoutNotices(KeycloakSession session) {
        this.session = session;
    }

    private EntityManager database() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** Keeps the logout token Keycloak built for {@code client} while the session was alive (pairwise {@code sub}, {@code sid}). */
    void token(RealmModel realm, ClientModel client, LogoutToken token, Optional<URI> base) {
        insert(realm, client, OIDCLoginProtocol.LOGIN_PROTOCOL, write(token), base);
    }

    /** Keeps what Keycloak's SAML back-channel logout reads of the ended client session. */
    void saml(RealmModel realm, ClientModel client, EndedSession ended, Optional<URI> base) {
        insert(realm, client, SamlProtocol.LOGIN_PROTOCOL, write(ended), base);
    }

    private void insert(RealmModel realm, ClientModel client, String protocol, String payload, Optional<URI> base) {
        long now = System.currentTimeMillis();
        database().createNativeQuery("INSERT INTO DD_LOGOUT_NOTICE (ID, REALM_ID, CLIENT_ID, PROTOCOL, PAYLOAD, BASE_URI,"
                        + " ATTEMPTS, FIRST_AT, NEXT_AT) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?7)")
                .setParameter(1, KeycloakModelUtils.generateId()).setParameter(2, realm.getId()).setParameter(3, client.getId())
                .setParameter(4, protocol).setParameter(5, payload).setParameter(6, base.map(URI::toString).orElse(null))
                .setParameter(7, now)
                .executeUpdate();
    }

    /**
     * Claims the most overdue notice no other node holds, whose relying party has fewer than {@link #PER_CLIENT}
     * notices in flight, for {@code holder} until {@link #LEASE_MILLIS} from now (committed with this transaction).
     */
    Optional<Notice> claim(String holder) {
        long now = System.currentTimeMillis();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = database().createNativeQuery(CLAIM).setParameter(1, now).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        String id = (String) row[0];
        database().createNativeQuery(LEASE)
                .setParameter(1, holder).setParameter(2, now + LEASE_MILLIS).setParameter(3, id).executeUpdate();
        return Optional.of(new Notice(id, (String) row[1], (String) row[2], (String) row[3], (String) row[4],
                Optional.ofNullable((String) row[5]).map(URI::create), ((Number) row[6]).intValue(), ((Number) row[7]).longValue(),
                (String) row[8]));
    }

    /** The notice was accepted, or has nobody left to tell: it goes (unless another node has taken it over since). */
    void done(Notice notice, String holder) {
        database().createNativeQuery("DELETE FROM DD_LOGOUT_NOTICE WHERE ID = ?1 AND LEASE_HOLDER = ?2")
                .setParameter(1, notice.id()).setParameter(2, holder).executeUpdate();
    }

    /** The relying party did not accept it: next try after the backoff for {@code attempts} failures. */
    void failed(Notice notice, String holder, int attempts, long nextAt) {
        database().createNativeQuery("UPDATE DD_LOGOUT_NOTICE SET ATTEMPTS = ?1, NEXT_AT = ?2, LEASE_HOLDER = NULL,"
                        + " LEASE_UNTIL = NULL WHERE ID = ?3 AND LEASE_HOLDER = ?4")
                .setParameter(1, attempts).setParameter(2, nextAt).setParameter(3, notice.id()).setParameter(4, holder)
                .executeUpdate();
    }

    private static String write(Object value) {
        try {
            return JsonSerialization.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot keep a logout notice", e);
        }
    }
}
