package vn.dinhdanh.virtualchip;

/**
 * What is wrong with a virtual chip, for negative tests; each names the check a correct verifier
 * fails it on. All keys and signatures stay real: only the one defect differs from {@link #GENUINE}.
 */
public enum Variant {
    /** Nothing wrong. */
    GENUINE,
    /** Signed correctly, but the card expired on 31/12/2024 (issued 15 years before): card expired. */
    EXPIRED,
    /** DG1 rewritten after signing (another date of birth): hash mismatch. */
    TAMPERED_DG1,
    /** DG13 rewritten after signing (another name): hash mismatch. */
    TAMPERED_DG13,
    /** DG14 presented although the SOD does not list it: hash mismatch. */
    UNLISTED_DATA_GROUP,
    /** Signed by a Document Signer of {@link TestPki#impostor()}: same CSCA name, unknown key. */
    UNKNOWN_CSCA,
    /** Signed by {@link TestPki#revokedDocumentSigner()}, which the CSCA's CRL revokes. */
    DS_REVOKED,
    /** DG1 listed in the SOD but not presented. */
    MISSING_DG1,
    /** A bit of the SOD's signature flipped (the SOD still parses). */
    SOD_SIGNATURE_CORRUPTED,
    /** The chip answers challenges with a key other than DG15's: a cloned chip. */
    WRONG_AA_KEY,
    /** Correctly signed, but DG1's document number is not the last 9 digits of DG13's ID number. */
    DOCUMENT_NUMBER_MISMATCH,
    /** Correctly signed, but DG1 names another issuing state (UTO, ICAO's specimen state): not a CCCD. */
    FOREIGN_DOCUMENT,
    /** The SOD's signature is directly over the content, without signed attributes (RFC 5652 5.3): SOD signature invalid. */
    SOD_WITHOUT_SIGNED_ATTRIBUTES,
    /** The SOD lists DG1 twice (first another DG1's hash, then the presented one's): malformed LDS. */
    SOD_DUPLICATE_DATA_GROUP,
    /** The SOD hashes the data groups, and is signed, with SHA-1: algorithm not allowed. */
    SOD_SHA1
}
