package vn.dinhdanh.tracker;

/**
 * The chain is not what the server wrote (its head, or the row asked for): nothing is appended, signed or
 * receipted until an operator has checked it ({@code ./dinhdanh audit verify}). The message names rows, never data.
 */
public final class ChainBrokenException extends IllegalStateException {

    public ChainBrokenException(String message) {
        super("data tracker: " + message + "; releases, checkpoints and receipts are refused until an operator checks the chain");
    }
}
