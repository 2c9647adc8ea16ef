package vn.dinhdanh.chip.passive;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Set;
import org.jmrtd.lds.SODFile;

/**
 * Every presented data group must be listed in the SOD with the hash of exactly the bytes presented
 * (ICAO 9303 part 11, 5.1 step 3). A data group the SOD does not list is a mismatch, not ignored:
 * nothing unsigned passes through.
 */
public final class DataGroupHashes {

    /**
     * SHA-2 only. ICAO 9303 part 12 still lists SHA-1 for documents issued long ago, but every CCCD chip
     * (issued since 2021) uses SHA-256, and a SHA-1 hash list would let a chosen-prefix collision swap a group.
     */
    private static final Set<String> ALGORITHMS = Set.of("SHA-224", "SHA-256", "SHA-384", "SHA-512");

    private DataGroupHashes() {
    }

    /** True when all presented data groups match; false on any mismatch or an unusable digest algorithm. */
    public static boolean match(SODFile securityObject, Map<Integer, byte[]> presented) {
        String algorithm = securityObject.getDigestAlgorithm();
        if (algorithm == null || !ALGORITHMS.contains(algorithm)) {
            return false;
        }
        Map<Integer, byte[]> signed = securityObject.getDataGroupHashes();
        try {
            for (Map.Entry<Integer, byte[]> group : presented.entrySet()) {
                byte[] expected = signed.get(group.getKey());
                byte[] actual = MessageDigest.getInstance(algorithm).digest(group.getValue());
                // Constant time is not needed (hashes are public), isEqual is simply the right comparison.
                if (expected == null || !MessageDigest.isEqual(expected, actual)) {
                    return false;
                }
            }
            return true;
        } catch (NoSuchAlgorithmException e) {
            return false;
        }
    }
}
