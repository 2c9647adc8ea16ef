package vn.dinhdanh.tracker.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import vn.dinhdanh.tracker.chain.ChainHead;

/**
 * The one row of {@code DD_DATA_RELEASE_HEAD} ({@code ID = 'chain'}, inserted by the changelog). Every append locks
 * it ({@code SELECT … FOR UPDATE}), so appends are serialised cluster-wide by the database itself: two nodes
 * issuing tokens at once can never give two rows the same predecessor.
 */
@Entity
@Table(name = "DD_DATA_RELEASE_HEAD")
public class ChainHeadEntity {

    @Id
    @Column(name = "ID")
    private String id;
    @Column(name = "SEQ", nullable = false)
    private long seq;
    @Column(name = "ROW_HASH", nullable = false)
    private String rowHash;
    @Column(name = "HEAD_MAC")
    private String headMac;
    @Column(name = "KEY_CHECK")
    private String keyCheck;
    // Column FALLBACK_KEY (a key earlier versions kept here when none was configured) is no longer read or written.

    protected ChainHeadEntity() {
    }

    public ChainHead toHead() {
        return new ChainHead(seq, rowHash, headMac, keyCheck);
    }

    public void advance(long seq, String rowHash, String headMac, String keyCheck) {
        this.seq = seq;
        this.rowHash = rowHash;
        this.headMac = headMac;
        this.keyCheck = keyCheck;
    }
}
