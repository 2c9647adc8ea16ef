package vn.dinhdanh.tracker.chain;

/**
 * The chain's anchor row: the last sequence number and hash, MACed, so that deleting the last rows (which leaves
 * an intact but shorter chain) is detected too. The server MACs the head from the chain's start (row 0, the
 * genesis): a head without a MAC is never one the server wrote, it is a wiped or reset chain.
 *
 * @param seq      the last row's sequence number (0: empty)
 * @param hash     the last row's hash ({@link ChainKey#GENESIS} when empty)
 * @param mac      {@link ChainKey#headMac}; null only as Liquibase created the row, before the server's first start
 * @param keyCheck {@link ChainKey#keyCheck()} of the key that wrote the chain; null only before the first start
 */
public record ChainHead(long seq, String hash, String mac, String keyCheck) {

    /** The head of a chain that starts now: row 0, MACed with the key. */
    public static ChainHead genesis(ChainKey key) {
        return new ChainHead(0, ChainKey.GENESIS, key.headMac(0, ChainKey.GENESIS), key.keyCheck());
    }

    /**
     * The head as Liquibase created it, no server has written it yet. A wiped chain looks the same: the server
     * starts a chain only at start-up and only on an empty table ({@code DataTracker#startChainIfNew}).
     */
    public boolean unwritten() {
        return seq == 0 && mac == null && keyCheck == null && ChainKey.GENESIS.equals(hash);
    }
}
