package vn.dinhdanh.chip;

import java.util.Objects;
import vn.dinhdanh.chip.lds.Dg13Layout;

/**
 * Per-realm choices of the verification. Every relaxation is visible in the verdict: a check the policy
 * lets go is reported {@code skipped}, never {@code passed}.
 *
 * @param requireActiveAuthentication true: a chip without AA (no DG15) fails with {@code aa_unsupported};
 *        false: it passes passive authentication only, and the verdict says so ({@code chipAuthenticated()} false)
 *        for the caller to grant a lower assurance
 * @param requireDocumentStatus true: a card whose status the document-status service cannot tell
 *        ({@code UNKNOWN}) fails with {@code card_status_unknown}; false: the check is reported skipped
 * @param requireRevocationList true: a Document Signer whose CSCA has no CRL in the trust store is not
 *        trusted ({@code ds_not_trusted}): without one, a revoked Document Signer would pass
 * @param cscaCountry the country (ISO 3166-1 alpha-2, as in the certificates' C=) whose CSCA a card must chain
 *        to: VN in production; another code only for tests of the binding itself
 */
public record ChipPolicy(boolean requireActiveAuthentication, boolean requireDocumentStatus,
                         boolean requireRevocationList, Dg13Layout dg13Layout, String cscaCountry) {

    /** Viet Nam: a CCCD's Document Signer must chain to a CSCA of this country. */
    public static final String VIETNAM = "VN";

    /** AA, card status and CRLs required, DG13 numbered as in the domain brief, VN CSCAs only: refuse what cannot be proven. */
    public static final ChipPolicy DEFAULT = new ChipPolicy(true, true, true, Dg13Layout.DEFAULT, VIETNAM);

    public ChipPolicy {
        Objects.requireNonNull(dg13Layout, "dg13Layout");
        Objects.requireNonNull(cscaCountry, "cscaCountry");
        if (!cscaCountry.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("a CSCA country is two upper-case letters (ISO 3166-1 alpha-2)");
        }
    }

    public ChipPolicy withCscaCountry(String country) {
        return new ChipPolicy(requireActiveAuthentication, requireDocumentStatus, requireRevocationList, dg13Layout, country);
    }

    public ChipPolicy withRequireActiveAuthentication(boolean require) {
        return new ChipPolicy(require, requireDocumentStatus, requireRevocationList, dg13Layout, cscaCountry);
    }

    public ChipPolicy withRequireDocumentStatus(boolean require) {
        return new ChipPolicy(requireActiveAuthentication, require, requireRevocationList, dg13Layout, cscaCountry);
    }

    public ChipPolicy withRequireRevocationList(boolean require) {
        return new ChipPolicy(requireActiveAuthentication, requireDocumentStatus, require, dg13Layout, cscaCountry);
    }
}
