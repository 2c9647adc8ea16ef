package vn.dinhdanh.chip;

import java.util.Objects;
import vn.dinhdanh.chip.lds.Dg13Layout;

/**
 * Per-realm choices of the verification.
 *
 * @param requireActiveAuthentication true: a chip without AA (no DG15) fails with {@code aa_unsupported};
 *        false: it passes passive authentication only, and the verdict says so ({@code chipAuthenticated()} false)
 *        for the caller to grant a lower assurance
 */
public record ChipPolicy(boolean requireActiveAuthentication, Dg13Layout dg13Layout) {

    /** AA required, DG13 numbered as in the domain brief: refuse what cannot be proven a genuine chip. */
    public static final ChipPolicy DEFAULT = new ChipPolicy(true, Dg13Layout.DEFAULT);

    public ChipPolicy {
        Objects.requireNonNull(dg13Layout, "dg13Layout");
    }

    public ChipPolicy withRequireActiveAuthentication(boolean require) {
        return new ChipPolicy(require, dg13Layout);
    }
}
