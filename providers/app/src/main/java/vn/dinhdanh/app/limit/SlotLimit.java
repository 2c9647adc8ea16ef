package vn.dinhdanh.app.limit;

import java.util.concurrent.ThreadLocalRandom;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * A rate limit kept in Keycloak's single-use store, the same on every node: at most {@code limit} takes of one key
 * in any window. A take is an atomic put-if-absent of one of {@code limit} numbered slots, held for the window, so
 * concurrent takes on any node cannot overrun the limit, and a slot frees itself when its window ends.
 *
 * <p>Cheap whatever the limit. Random slots are tried first: while few are taken the first put finds a free one, where
 * trying them in order costs one put per slot already taken (thousands for an address shared by a carrier's NAT, whose
 * limit an operator raises). Every slot is tried only when those were all taken, and a take that found none marks the
 * key full for a second: a client spending refusals costs one read each, not {@code limit} writes. The mark may refuse
 * a take in the second a slot frees: a limit errs on the side of refusing.
 */
public final class SlotLimit {

    /** Random slots tried before every slot: with half the slots taken, all eight are taken one time in 256. */
    static final int RANDOM_TRIES = 8;
    private static final long FULL_MARK_SECONDS = 1;

    private SlotLimit() {
    }

    /** Takes one of {@code key}'s {@code limit} slots for {@code windowSeconds}; false when all are taken (or {@code limit} ≤ 0). */
    public static boolean take(SingleUseObjectProvider store, String key, int limit, long windowSeconds) {
        if (limit <= 0 || store.contains(key + ".full")) {
            return false;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < Math.min(RANDOM_TRIES, limit); i++) {
            if (store.putIfAbsent(key + "." + random.nextInt(limit), windowSeconds)) {
                return true;
            }
        }
        int start = random.nextInt(limit);
        for (int i = 0; i < limit; i++) {
            if (store.putIfAbsent(key + "." + ((start + i) % limit), windowSeconds)) {
                return true;
            }
        }
        store.putIfAbsent(key + ".full", FULL_MARK_SECONDS);
        return false;
    }
}
