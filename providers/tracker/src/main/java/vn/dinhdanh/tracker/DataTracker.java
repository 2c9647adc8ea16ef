package vn.dinhdanh.tracker;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.Provider;
import vn.dinhdanh.tracker.chain.ChainHead;
import vn.dinhdanh.tracker.chain.ChainKey;
import vn.dinhdanh.tracker.chain.Channel;
import vn.dinhdanh.tracker.chain.JdbcChain;
import vn.dinhdanh.tracker.chain.ReleaseRow;
import vn.dinhdanh.tracker.chain.Verification;
import vn.dinhdanh.tracker.store.ChainHeadEntity;
import vn.dinhdanh.tracker.store.DataReleaseEntity;

/**
 * The data tracker of one Keycloak session: records releases (in this session's transaction), reads a citizen's
 * rows, exports, verifies. {@code session.getProvider(DataTracker.class)}.
 */
public final class DataTracker implements Provider {

    private static final Logger LOG = Logger.getLogger(DataTracker.class);

    private final KeycloakSession session;
    private final ChainKey configuredKey;

    DataTracker(KeycloakSession session, ChainKey configuredKey) {
        this.session = session;
        this.configuredKey = configuredKey;
    }

    /**
     * Records a release when this session's transaction commits, in that same transaction (its prepare phase): the
     * row exists exactly when the token, assertion or answer was issued. Called by the mappers and by the chip eKYC
     * answer; several calls of one request about the same release (ID and access token) make one row.
     */
    public void record(Release release) {
        PendingReleases.of(session).add(release);
    }

    /**
     * Records a chip eKYC answer ({@code person} block) given to a bank's service account: items are the fields of
     * the block as sent (nested ones as {@code card.number}), the method is the chip the customer presented.
     */
    public void recordEkycAnswer(String realmId, String clientId, String userId, Map<String, ?> person) {
        List<String> items = new ArrayList<>();
        person.forEach((name, value) -> {
            if (value instanceof Map<?, ?> nested) {
                nested.forEach((inner, v) -> {
                    if (v != null) {
                        items.add(name + "." + inner);
                    }
                });
            } else if (value != null) {
                items.add(name);
            }
        });
        record(new Release(realmId, clientId, userId, Channel.EKYC_ANSWER).items(items).method("chip"));
    }

    /** Appends now. The head row's lock serialises appends across the cluster until this transaction ends. */
    void append(Release release) {
        EntityManager em = em();
        ChainHeadEntity headEntity = em.find(ChainHeadEntity.class, JdbcChain.HEAD_ID, LockModeType.PESSIMISTIC_WRITE);
        if (headEntity == null) {
            throw new IllegalStateException("data tracker: the head row is missing; the chain cannot be extended");
        }
        ChainKey key = key(headEntity);
        ChainHead head = headEntity.toHead();
        if (head.keyCheck() != null && !head.keyCheck().equals(key.keyCheck())) {
            // Not silently: a chain continued with another key verifies as wrong_key from here on.
            LOG.error("data tracker: the configured key is not the one that wrote the chain (key rotation is not supported)");
        }
        ReleaseRow row = new ReleaseRow(0, Time.currentTimeMillis(), release.realmId(), release.clientId(),
                key.pseudonym(release.realmId(), release.userId()), release.channel().code(), List.copyOf(release.items()),
                release.loa(), release.acr(), release.method(), null, null);
        ReleaseRow linked = key.link(row, head.seq(), head.hash());
        em.persist(DataReleaseEntity.of(linked));
        headEntity.advance(linked.seq(), linked.hash(), key.headMac(linked.seq(), linked.hash()),
                head.keyCheck() == null ? key.keyCheck() : head.keyCheck());
        em.flush();
        LOG.debugf("data tracker: row %d %s", linked.seq(), release);
    }

    /** The citizen's pseudonym, as stored in the rows. */
    public String pseudonym(String realmId, String userId) {
        return key(null).pseudonym(realmId, userId);
    }

    /** One citizen's releases, newest first. */
    public List<ReleaseRow> releasesOf(String realmId, String subject, int first, int max) {
        return em().createNamedQuery("ddReleasesOfSubject", DataReleaseEntity.class)
                .setParameter("realmId", realmId).setParameter("subject", subject)
                .setFirstResult(first).setMaxResults(max).getResultStream().map(DataReleaseEntity::toRow).toList();
    }

    public long countOf(String realmId, String subject) {
        return em().createNamedQuery("ddCountOfSubject", Long.class)
                .setParameter("realmId", realmId).setParameter("subject", subject).getSingleResult();
    }

    /** Rows of a realm in [from, to) (epoch ms), of one citizen when {@code subject} is given; at most {@code max}. */
    public List<ReleaseRow> export(String realmId, String subject, long from, long to, int max) {
        var query = subject == null
                ? em().createNamedQuery("ddReleasesBetween", DataReleaseEntity.class)
                : em().createNamedQuery("ddReleasesOfSubjectBetween", DataReleaseEntity.class).setParameter("subject", subject);
        List<ReleaseRow> rows = new ArrayList<>();
        query.setParameter("realmId", realmId).setParameter("from", from).setParameter("to", to).setMaxResults(max)
                .getResultStream().forEach(e -> rows.add(e.toRow()));
        return rows;
    }

    /** The whole chain walked by the same Keycloak-free verifier the command line uses, on this transaction's connection. */
    public Verification verify(long anchorSeq, String anchorHash) {
        ChainKey key = key(null);
        return em().unwrap(Session.class).doReturningWork(connection -> JdbcChain.walk(connection, key, anchorSeq, anchorHash));
    }

    /** The configured key, or the one kept in the database (generated by the first node that needs it). */
    private ChainKey key(ChainHeadEntity lockedHead) {
        if (configuredKey != null) {
            return configuredKey;
        }
        ChainHeadEntity head = lockedHead != null ? lockedHead : em().find(ChainHeadEntity.class, JdbcChain.HEAD_ID);
        if (head.fallbackKey() == null && lockedHead == null) {
            // Two nodes generating at once: the lock makes the second see the first's key.
            em().refresh(head, LockModeType.PESSIMISTIC_WRITE);
        }
        if (head.fallbackKey() == null) {
            byte[] bytes = new byte[48];
            new java.security.SecureRandom().nextBytes(bytes);
            head.fallbackKey(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            em().flush();
        }
        return ChainKey.of(head.fallbackKey());
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    @Override
    public void close() {
    }
}
