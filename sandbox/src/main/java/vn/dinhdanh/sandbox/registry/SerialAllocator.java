package vn.dinhdanh.sandbox.registry;

import java.util.HashMap;
import java.util.Map;
import vn.dinhdanh.population.idnumber.PersonalIdNumber;
import vn.dinhdanh.population.idnumber.Sex;

/**
 * Digits 7-12 of generated numbers: a counter per (province, sex, birth year) run through a
 * bijection of 0..999 999, so numbers look random yet never repeat within a bucket.
 */
final class SerialAllocator {

    private static final int SPACE = 1_000_000;
    /** Odd and not a multiple of 5, hence invertible modulo 10^6. */
    private static final long MULTIPLIER = 738_283;
    private static final long OFFSET = 271_828;

    private final Map<String, Integer> counters = new HashMap<>();

    /** Continues after {@code used} numbers already issued in a bucket (from an earlier run). */
    void resume(String bucket, int used) {
        counters.merge(bucket, used, Math::max);
    }

    int next(String province, Sex sex, int birthYear) {
        String bucket = PersonalIdNumber.prefix(province, sex, birthYear);
        int counter = counters.merge(bucket, 1, Integer::sum) - 1;
        if (counter >= SPACE) {
            throw new IllegalStateException("more than a million citizens in one province, sex and birth year");
        }
        return (int) ((counter * MULTIPLIER + OFFSET) % SPACE);
    }
}
