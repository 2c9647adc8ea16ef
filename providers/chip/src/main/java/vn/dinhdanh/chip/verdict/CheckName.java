package vn.dinhdanh.chip.verdict;

import java.util.Locale;

/** The checks of one verification, in the order they run. Names are stable (they show in verdicts and logs). */
public enum CheckName {
    /** Sizes within limits; EF.SOD and every presented data group parse. */
    LDS_STRUCTURE,
    /** DG1 and DG13 are presented, and DG14 and DG15 when the SOD lists them. */
    REQUIRED_DATA_GROUPS,
    /** EF.SOD's CMS signature verifies with the Document Signer certificate it carries. */
    SOD_SIGNATURE,
    /** Document Signer certificate → trusted CSCA, with the CSCA's CRL when the trust store has one. */
    DOCUMENT_SIGNER_TRUST,
    /** Every presented data group is listed in the SOD with the same hash. */
    DATA_GROUP_HASHES,
    /** DG1, DG2, DG13, DG14 and DG15 read as their structures (only once they are known to be signed). */
    DATA_GROUP_CONTENT,
    /** The chip signed the challenge with DG15's key. */
    ACTIVE_AUTHENTICATION,
    /** A Vietnamese identity card (DG1: VNM, "I" document code); DG1 and DG13 describe the same card: document number, date of birth. */
    CHIP_CONSISTENCY,
    /** The card has not expired. */
    CARD_VALIDITY,
    /** The document-status service knows the card as valid. */
    DOCUMENT_STATUS,
    /** DG13 agrees with the registry's person: ID number, name, date of birth, sex. */
    REGISTRY_MATCH,
    /** The registry lets the citizen authenticate (alive, not blocked). */
    CITIZEN_STATUS;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
