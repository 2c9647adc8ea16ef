package vn.dinhdanh.chip.lds;

/**
 * Input size limits, enforced before any parsing: the verifier reads what an untrusted reader sends.
 * Generous for real cards (DG1 is 93 bytes, DG13 under 2 KiB, EF.SOD 2-5 KiB with its certificate, a
 * DG2 portrait 15-25 KiB) and small enough that a hostile request costs little.
 */
public final class LdsLimits {

    /** Any file but DG2. */
    public static final int MAX_FILE_BYTES = 64 * 1024;
    /** DG2 (the portrait). */
    public static final int MAX_DG2_BYTES = 200 * 1024;
    /** The INTERNAL AUTHENTICATE answer: an RSA-4096 signature is 512 bytes. */
    public static final int MAX_AA_SIGNATURE_BYTES = 1024;
    /** The challenge the terminal sends: ICAO's 8 bytes; no more than this is accepted. */
    public static final int MAX_CHALLENGE_BYTES = 64;
    /** Fewer than ICAO's 8 random bytes would let an old answer be replayed by luck. */
    public static final int MIN_CHALLENGE_BYTES = 8;

    private LdsLimits() {
    }

    public static int maxBytes(int dataGroup) {
        return dataGroup == 2 ? MAX_DG2_BYTES : MAX_FILE_BYTES;
    }
}
