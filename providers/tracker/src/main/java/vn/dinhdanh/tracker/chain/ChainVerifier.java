package vn.dinhdanh.tracker.chain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
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
 *   <li>deleted last rows: the chain ends before the head (whose MAC needs the key);</li>
 *   <li>a wiped or reset chain: the head carries no MAC or no key check (the server writes both from the chain's
 *       start, the genesis, on).</li>
 * </ul>
 * Rolling the chain back to a state copied earlier (head included), or starting it again, leaves a chain that is
 * valid on its own: only what is held outside the database catches it, the {@link Witness witnesses}: an
 * operator's anchor, a citizen's receipt and the checkpoint in it.
 */
public final class ChainVerifier {

    private final ChainKey key;

    public ChainVerifier(ChainKey key) {
        this.key = key;
    }

    /** @param rows the table's rows ordered by sequence number */
    public Verification verify(ChainHead head, Iterator<ReleaseRow> rows) {
        return verify(head, rows, List.of());
    }

    public Verification verify(ChainHead head, Iterator<ReleaseRow> rows, long anchorSeq, String anchorHash) {
        return verify(head, rows, anchorSeq > 0 ? List.of(Witness.anchor(anchorSeq, anchorHash)) : List.of());
    }

    public Verification verify(ChainHead head, Iterator<ReleaseRow> rows, List<Witness> witnesses) {
        if (head == null) {
            return new Verification(0, 0, null, new Problem(Kind.HEAD_INVALID, 1, "the head row is missing"));
        }
        if (head.mac() == null || head.keyCheck() == null) {
            return broken(0, head, new Problem(Kind.HEAD_INVALID, head.seq(), "the head carries no MAC or no key check:"
                    + " the server writes both from the chain's start, so the chain was wiped or reset without the key"));
        }
        if (!ChainKey.same(head.keyCheck(), key.keyCheck())) {
            return broken(0, head, new Problem(Kind.WRONG_KEY, 0, "the chain was written with another key; check the configured key"));
        }
        List<Witness> pending = new ArrayList<>(witnesses.stream().filter(w -> w.seq() > 0)
                .sorted(Comparator.comparingLong(Witness::seq)).toList());
        long expected = 1;
        String prev = ChainKey.GENESIS;
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
            while (!pending.isEmpty() && pending.get(0).seq() == row.seq()) {
                Witness witness = pending.remove(0);
                if (!ChainKey.same(row.hash(), witness.hash())) {
                    return broken(intact, head, new Problem(witness.different(), row.seq(), "row " + row.seq()
                            + " has another hash than " + witness.what() + " holds: the chain was rewritten from there (forked)"));
                }
            }
            prev = row.hash();
            expected++;
        }
        long count = expected - 1;
        if (head.seq() > count) {
            return broken(count, head, new Problem(Kind.TAIL_DELETED, count + 1, count + 1 == head.seq()
                    ? "row " + head.seq() + " (the last, according to the head) is missing (deleted)"
                    : "rows " + (count + 1) + " to " + head.seq() + " (the last, according to the head) are missing (deleted)"));
        }
        if (!ChainKey.same(head.hash(), prev) || !ChainKey.same(head.mac(), key.headMac(head.seq(), head.hash()))) {
            return broken(count, head, new Problem(Kind.HEAD_INVALID, head.seq(),
                    "the head (row " + head.seq() + ") does not match the chain's last row, or was changed without the key"));
        }
        if (!pending.isEmpty()) {
            Witness witness = pending.get(0);
            return broken(count, head, new Problem(witness.missing(), witness.seq(), "row " + witness.seq() + " of "
                    + witness.what() + " is not in the chain, which ends at row " + count + ": rows were deleted, or the chain"
                    + " was rolled back or started again"));
        }
        return new Verification(count, head.seq(), head.hash(), null);
    }

    private static Verification broken(long intact, ChainHead head, Problem problem) {
        return new Verification(intact, head.seq(), head.hash(), problem);
    }
}
