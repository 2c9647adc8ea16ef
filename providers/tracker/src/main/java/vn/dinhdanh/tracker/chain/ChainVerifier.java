package vn.dinhdanh.tracker.chain;

import java.util.Iterator;
import vn.dinhdanh.tracker.chain.Verification.Kind;
import vn.dinhdanh.tracker.chain.Verification.Problem;

/**
 * Walks the chain from row 1 and names the first row that is not what the key wrote. Keycloak-free: the server's
 * admin endpoint, {@code ./dinhdanh audit verify} and the production command all call it.
 *
 * <ul>
 *   <li>edited row: its fields no longer match its hash;</li>
 *   <li>deleted row: a gap in the sequence (the next row's previous hash would not match either);</li>
 *   <li>inserted row: a row beyond the head, or a hash nobody holding the key computed;</li>
 *   <li>deleted last rows: the chain ends before the head (whose MAC needs the key).</li>
 * </ul>
 * Rolling the head back to a state copied earlier is only caught with an external anchor ({@code anchorSeq},
 * {@code anchorHash}): the operator records the head printed by a verification somewhere the database
 * administrator cannot write, and later verifications check that row is still there with that hash.
 */
public final class ChainVerifier {

    private final ChainKey key;

    public ChainVerifier(ChainKey key) {
        this.key = key;
    }

    /** @param rows the table's rows ordered by sequence number */
    public Verification verify(ChainHead head, Iterator<ReleaseRow> rows) {
        return verify(head, rows, 0, null);
    }

    public Verification verify(ChainHead head, Iterator<ReleaseRow> rows, long anchorSeq, String anchorHash) {
        if (head == null) {
            return new Verification(0, 0, null, new Problem(Kind.HEAD_INVALID, 1, "the head row is missing"));
        }
        if (head.keyCheck() != null && !ChainKey.same(head.keyCheck(), key.keyCheck())) {
            return broken(0, head, new Problem(Kind.WRONG_KEY, 0, "the chain was written with another key; check the configured key"));
        }
        long expected = 1;
        String prev = ChainKey.GENESIS;
        boolean anchorSeen = anchorSeq <= 0;
        while (rows.hasNext()) {
            ReleaseRow row = rows.next();
            long intact = expected - 1;
            if (row.seq() > head.seq()) {
                return broken(intact, head, new Problem(Kind.ROW_INSERTED, row.seq(),
                        "row " + row.seq() + " lies beyond the head (row " + head.seq() + "): not written by the server"));
            }
            if (row.seq() != expected) {
                return broken(intact, head, new Problem(Kind.ROW_DELETED, expected,
                        expected == row.seq() - 1 ? "row " + expected + " is missing (deleted)"
                                : "rows " + expected + " to " + (row.seq() - 1) + " are missing (deleted)"));
            }
            if (!ChainKey.same(row.prevHash(), prev)) {
                return broken(intact, head, new Problem(Kind.ROW_INSERTED, row.seq(),
                        "row " + row.seq() + " does not follow row " + (row.seq() - 1) + " (its previous hash differs): inserted or re-linked"));
            }
            if (!ChainKey.same(row.hash(), key.rowHash(row, row.seq(), row.prevHash()))) {
                return broken(intact, head, new Problem(Kind.ROW_EDITED, row.seq(),
                        "row " + row.seq() + " does not match its hash: edited"));
            }
            if (row.seq() == anchorSeq) {
                if (!ChainKey.same(row.hash(), anchorHash)) {
                    return broken(intact, head, new Problem(Kind.ANCHOR_MISSING, row.seq(),
                            "row " + row.seq() + " has another hash than the anchor recorded: the chain was rewritten"));
                }
                anchorSeen = true;
            }
            prev = row.hash();
            expected++;
        }
        long count = expected - 1;
        if (head.pristine() && count == 0) {
            return anchorSeen ? new Verification(0, 0, ChainKey.GENESIS, null)
                    : broken(0, head, anchorMissing(anchorSeq));
        }
        if (head.seq() > count) {
            return broken(count, head, new Problem(Kind.TAIL_DELETED, count + 1, count + 1 == head.seq()
                    ? "row " + head.seq() + " (the last, according to the head) is missing (deleted)"
                    : "rows " + (count + 1) + " to " + head.seq() + " (the last, according to the head) are missing (deleted)"));
        }
        if (!ChainKey.same(head.hash(), prev) || !ChainKey.same(head.mac(), key.headMac(head.seq(), head.hash()))) {
            return broken(count, head, new Problem(Kind.HEAD_INVALID, head.seq(),
                    "the head (row " + head.seq() + ") does not match the chain's last row, or was changed without the key"));
        }
        if (!anchorSeen) {
            return broken(count, head, anchorMissing(anchorSeq));
        }
        return new Verification(count, head.seq(), head.hash(), null);
    }

    private static Problem anchorMissing(long anchorSeq) {
        return new Problem(Kind.ANCHOR_MISSING, anchorSeq, "row " + anchorSeq + " of the anchor is not in the chain: rows were deleted");
    }

    private static Verification broken(long intact, ChainHead head, Problem problem) {
        return new Verification(intact, head.seq(), head.hash(), problem);
    }
}
