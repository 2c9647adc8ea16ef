package vn.dinhdanh.tracker;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import vn.dinhdanh.tracker.chain.Witness;
import vn.dinhdanh.tracker.checkpoint.Checkpoint;
import vn.dinhdanh.tracker.checkpoint.CheckpointKey;
import vn.dinhdanh.tracker.checkpoint.Receipt;
import vn.dinhdanh.tracker.store.ChainHeadEntity;
import vn.dinhdanh.tracker.store.DataReleaseEntity;

/**
 * The data tracker of one Keycloak session: records releases (in this session's transaction), reads a citizen's
 * rows, exports, verifies. {@code session.getProvider(DataTracker.class)}.
 */
public final class DataTracker implements Provider {

    private static final Logger LOG = Logger.getLogger(DataTracker.class);

    private final KeycloakSession session;
    private final ChainKey key;
    private final CheckpointKey checkpointKey;

    DataTracker(KeycloakSession session, ChainKey key, CheckpointKey checkpointKey) {
        this.session = session;
        this.key = key;
        this.checkpointKey = checkpointKey;
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
        ChainHeadEntity headEntity = lockedHead(LockModeType.PESSIMISTIC_WRITE);
        ChainHead head = headEntity.toHead();
        // Never extend a head the server did not write: a new MAC over it would launder a wipe or a reset.
        requireWritten(head);
        ReleaseRow row = new ReleaseRow(0, Time.currentTimeMillis(), release.realmId(), release.clientId(),
                key.pseudonym(release.realmId(), release.userId()), release.channel().code(), List.copyOf(release.items()),
                release.loa(), release.acr(), release.method(), null, null);
        ReleaseRow linked = key.link(row, head.seq(), head.hash());
        em.persist(DataReleaseEntity.of(linked));
        headEntity.advance(linked.seq(), linked.hash(), key.headMac(linked.seq(), linked.hash()), key.keyCheck());
        em.flush();
        LOG.debugf("data tracker: row %d %s", linked.seq(), release);
    }

    /**
     * At start-up (after Keycloak's migrations): a head as Liquibase created it, over an empty table, becomes the
     * genesis, MACed under the key. Only here: an append never does it, so that a head reset while the server runs
     * stays broken. A wiped table with its head reset looks, at the next start, like a new installation: the
     * warning below says so, and receipts and checkpoints kept outside contradict the new chain.
     */
    public void startChainIfNew() {
        ChainHeadEntity headEntity = lockedHead(LockModeType.PESSIMISTIC_WRITE);
        if (!headEntity.toHead().unwritten()) {
            return;
        }
        long rows = em().createQuery("select count(r) from DataReleaseEntity r", Long.class).getSingleResult();
        if (rows > 0) {
            LOG.errorf("data tracker: the chain's head is unwritten but %d rows exist: the head was reset; releases are"
                    + " refused until an operator checks the chain", rows);
            return;
        }
        ChainHead genesis = ChainHead.genesis(key);
        headEntity.advance(genesis.seq(), genesis.hash(), genesis.mac(), genesis.keyCheck());
        em().flush();
        LOG.warn("data tracker: a new chain starts (row 0, MACed under the configured key). If this database held"
                + " releases before, they were wiped: check citizens' receipts and the published checkpoints");
    }

    /** The citizen's pseudonym, as stored in the rows. */
    public String pseudonym(String realmId, String userId) {
        return key.pseudonym(realmId, userId);
    }

    /** One citizen's releases (to one relying party when {@code clientId} is given), newest first. */
    public List<ReleaseRow> releasesOf(String realmId, String subject, String clientId, int first, int max) {
        return ofSubject("select r", clientId, " order by r.seq desc", DataReleaseEntity.class, realmId, subject)
                .setFirstResult(first).setMaxResults(max).getResultStream().map(DataReleaseEntity::toRow).toList();
    }

    public long countOf(String realmId, String subject, String clientId) {
        return ofSubject("select count(r)", clientId, "", Long.class, realmId, subject).getSingleResult();
    }

    /** The relying parties that received something about this citizen, by client id. */
    public List<String> clientsOf(String realmId, String subject) {
        return ofSubject("select distinct r.clientId", null, " order by r.clientId", String.class, realmId, subject).getResultList();
    }

    private <T> jakarta.persistence.TypedQuery<T> ofSubject(String select, String clientId, String order, Class<T> type,
                                                            String realmId, String subject) {
        var query = em().createQuery(select + " from DataReleaseEntity r where r.realmId = :realmId and r.subject = :subject"
                + (clientId == null ? "" : " and r.clientId = :clientId") + order, type)
                .setParameter("realmId", realmId).setParameter("subject", subject);
        return clientId == null ? query : query.setParameter("clientId", clientId);
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
    public Verification verify(List<Witness> witnesses) {
        return em().unwrap(Session.class).doReturningWork(connection -> JdbcChain.walk(connection, key, witnesses));
    }

    /**
     * The chain's head, signed: read under the head row's lock (the same lock appends take, so any node signs a
     * head some append committed), and only when the head is the server's (its MAC) and its hash is the last row's.
     */
    public String checkpoint(String issuer) {
        ChainHead head = checkedHead();
        return new Checkpoint(issuer, Time.currentTime(), head.seq(), head.hash()).sign(checkpointKey);
    }

    /** The receipt for row {@code seq} if it is this citizen's, checked and covered by the current head. */
    public Optional<String> receipt(String realmId, String subject, long seq, String issuer) {
        DataReleaseEntity entity = em().find(DataReleaseEntity.class, seq);
        ReleaseRow row = entity == null ? null : entity.toRow();
        if (row == null || !row.realmId().equals(realmId) || !ChainKey.same(row.subject(), subject)) {
            return Optional.empty();
        }
        if (!ChainKey.same(row.hash(), key.rowHash(row, row.seq(), row.prevHash()))) {
            throw new ChainBrokenException("row " + seq + " does not match its hash");
        }
        ChainHead head = checkedHead();
        return Optional.of(Receipt.of(issuer, Time.currentTime(), row, head.seq(), head.hash()).sign(checkpointKey));
    }

    /** The checkpoint key's public half, as a JWK Set. */
    public String checkpointKeys() {
        return checkpointKey.publicJwks();
    }

    private ChainHead checkedHead() {
        ChainHead head = lockedHead(LockModeType.PESSIMISTIC_READ).toHead();
        requireWritten(head);
        if (head.seq() > 0) {
            DataReleaseEntity last = em().find(DataReleaseEntity.class, head.seq());
            ReleaseRow row = last == null ? null : last.toRow();
            if (row == null || !ChainKey.same(row.hash(), head.hash())
                    || !ChainKey.same(row.hash(), key.rowHash(row, row.seq(), row.prevHash()))) {
                throw new ChainBrokenException("the head's row " + head.seq() + " is missing or does not match");
            }
        }
        return head;
    }

    private void requireWritten(ChainHead head) {
        if (head.mac() == null || head.keyCheck() == null) {
            throw new ChainBrokenException("the head carries no MAC (wiped or reset)");
        }
        if (!ChainKey.same(head.keyCheck(), key.keyCheck())) {
            throw new ChainBrokenException("the chain was written with another key (key rotation is not supported)");
        }
        if (!ChainKey.same(head.mac(), key.headMac(head.seq(), head.hash()))) {
            throw new ChainBrokenException("the head's MAC does not verify (changed without the key)");
        }
    }

    private ChainHeadEntity lockedHead(LockModeType lock) {
        ChainHeadEntity head = em().find(ChainHeadEntity.class, JdbcChain.HEAD_ID, lock);
        if (head == null) {
            throw new ChainBrokenException("the head row is missing");
        }
        return head;
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    @Override
    public void close() {
    }
}
