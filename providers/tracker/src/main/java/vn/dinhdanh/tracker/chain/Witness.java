package vn.dinhdanh.tracker.chain;

import vn.dinhdanh.tracker.chain.Verification.Kind;

/**
 * A row and hash known from outside the database, which the chain must still hold: an operator's anchor (a head
 * printed by an earlier verification) or a citizen's receipt (its release and the checkpoint that covers it).
 *
 * @param seq       the row
 * @param hash      its hash as recorded outside
 * @param missing   the problem when the chain no longer reaches that row (deleted, rolled back, wiped)
 * @param different the problem when the row is there with another hash (rewritten, forked)
 * @param what      how the problem names the witness ("the anchor", "the receipt's release", …)
 */
public record Witness(long seq, String hash, Kind missing, Kind different, String what) {

    /** An operator's anchor ({@code --anchor N:H}); none when {@code seq} is 0. */
    public static Witness anchor(long seq, String hash) {
        return new Witness(seq, hash, Kind.ANCHOR_MISSING, Kind.ANCHOR_MISSING, "the anchor");
    }

    /** A row a signed receipt or checkpoint vouches for. */
    public static Witness receipt(long seq, String hash, String what) {
        return new Witness(seq, hash, Kind.ROLLED_BACK, Kind.FORKED, what);
    }
}
