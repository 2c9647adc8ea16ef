package vn.dinhdanh.tracker.chain;

/**
 * The chain's anchor row: the last sequence number and hash, MACed, so that deleting the last rows (which leaves
 * an intact but shorter chain) is detected too.
 *
 * @param seq      the last row's sequence number (0: empty)
 * @param hash     the last row's hash ({@link ChainKey#GENESIS} when empty)
 * @param mac      {@link ChainKey#headMac}, or null before the first append
 * @param keyCheck {@link ChainKey#keyCheck()} of the key that wrote the chain, or null before the first append
 */
public record ChainHead(long seq, String hash, String mac, String keyCheck) {

    /** A head no server has written yet: the table as Liquibase created it. */
    public boolean pristine() {
        return seq == 0 && mac == null;
    }
}
