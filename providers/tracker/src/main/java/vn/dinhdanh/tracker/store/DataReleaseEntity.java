package vn.dinhdanh.tracker.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import vn.dinhdanh.tracker.chain.ReleaseRow;

/** A row of {@code DD_DATA_RELEASE} (append-only: the application never updates or deletes one). */
@Entity
@Table(name = "DD_DATA_RELEASE")
@NamedQueries({
        @NamedQuery(name = "ddReleasesOfSubject",
                query = "select r from DataReleaseEntity r where r.realmId = :realmId and r.subject = :subject order by r.seq desc"),
        @NamedQuery(name = "ddCountOfSubject",
                query = "select count(r) from DataReleaseEntity r where r.realmId = :realmId and r.subject = :subject"),
        @NamedQuery(name = "ddReleasesBetween",
                query = "select r from DataReleaseEntity r where r.realmId = :realmId and r.time >= :from and r.time < :to order by r.seq"),
        @NamedQuery(name = "ddReleasesOfSubjectBetween",
                query = "select r from DataReleaseEntity r where r.realmId = :realmId and r.subject = :subject and r.time >= :from and r.time < :to order by r.seq"),
        @NamedQuery(name = "ddAllReleases", query = "select r from DataReleaseEntity r order by r.seq")
})
public class DataReleaseEntity {

    @Id
    @Column(name = "SEQ")
    private long seq;
    @Column(name = "RELEASED_AT", nullable = false)
    private long time;
    @Column(name = "REALM_ID", nullable = false)
    private String realmId;
    @Column(name = "CLIENT_ID", nullable = false)
    private String clientId;
    @Column(name = "SUBJECT", nullable = false)
    private String subject;
    @Column(name = "CHANNEL", nullable = false)
    private String channel;
    @Column(name = "ITEMS", nullable = false)
    private String items;
    @Column(name = "LOA")
    private String loa;
    @Column(name = "ACR")
    private String acr;
    @Column(name = "METHOD")
    private String method;
    @Column(name = "PREV_HASH", nullable = false)
    private String prevHash;
    @Column(name = "ROW_HASH", nullable = false)
    private String rowHash;

    protected DataReleaseEntity() {
    }

    public static DataReleaseEntity of(ReleaseRow row) {
        DataReleaseEntity e = new DataReleaseEntity();
        e.seq = row.seq();
        e.time = row.time();
        e.realmId = row.realmId();
        e.clientId = row.clientId();
        e.subject = row.subject();
        e.channel = row.channel();
        e.items = row.itemsColumn();
        e.loa = row.loa();
        e.acr = row.acr();
        e.method = row.method();
        e.prevHash = row.prevHash();
        e.rowHash = row.hash();
        return e;
    }

    public ReleaseRow toRow() {
        return new ReleaseRow(seq, time, realmId, clientId, subject, channel, ReleaseRow.itemsFromColumn(items), loa, acr,
                method, prevHash, rowHash);
    }
}
