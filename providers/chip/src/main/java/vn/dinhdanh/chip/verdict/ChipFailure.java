package vn.dinhdanh.chip.verdict;

import java.util.Locale;

/**
 * Why a chip presentation is refused. Codes are stable forever: they are event reasons
 * ({@code reason=<code>}) and message keys ({@code dinhdanh.chip.<code>}). The core raises all but the
 * {@code challenge_*} codes, {@code citizen_not_alive} and {@code card_of_another_citizen}, which the Keycloak glue
 * raises (it keeps the challenges, asks the registry and knows the login), and which live here so there is one list.
 */
public enum ChipFailure {
    /** A file is too large, truncated, not the ICAO 9303 structure it claims, or lacks required content. */
    MALFORMED_LDS,
    /** EF.SOD's CMS signature does not verify with its Document Signer certificate. */
    SOD_SIGNATURE_INVALID,
    /** The Document Signer certificate does not chain to a trusted CSCA (or is missing, expired, unusable). */
    DS_NOT_TRUSTED,
    /** The Document Signer certificate is on its CSCA's CRL. */
    DS_REVOKED,
    /** A presented data group's hash differs from the SOD's, or the SOD does not list it. */
    DG_HASH_MISMATCH,
    /** A required data group (DG1, DG13; DG14, DG15 when the SOD lists them) was not presented. */
    DG_MISSING,
    /** The Active Authentication answer does not verify with DG15's key (or is missing). */
    AA_FAILED,
    /** The chip has no Active Authentication key (no DG15) and the policy requires one. */
    AA_UNSUPPORTED,
    /** Glue: the challenge was never issued (or by another node's realm). */
    CHALLENGE_UNKNOWN,
    /** Glue: the challenge outlived its lifetime. */
    CHALLENGE_EXPIRED,
    /** Glue: the challenge was already used. */
    CHALLENGE_REUSED,
    /** The document-status service says the card is revoked, replaced or lost. */
    CARD_REVOKED,
    /** The document-status service has no answer for the card, and the policy requires one. */
    CARD_STATUS_UNKNOWN,
    /** The registry or the document-status service could not be asked: nothing is wrong with the card, try later. */
    REGISTRY_UNAVAILABLE,
    /** The card's expiry date has passed. */
    CARD_EXPIRED,
    /** The chip's data disagree with each other or with the registry's person. */
    PERSON_MISMATCH,
    /** The registry refuses the citizen (deceased, blocked, ...): the caller's rule, reported by the core. */
    CITIZEN_NOT_ALIVE,
    /** A genuine document, but not a Vietnamese identity card (DG1's issuing state or document code). */
    DOCUMENT_NOT_CCCD,
    /**
     * The CSCA's CRL in the trust store is past its nextUpdate: the card may be genuine, but whether its
     * Document Signer was revoked cannot be told. The operator must load a current CRL (no restart needed).
     */
    CSCA_CRL_STALE,
    /**
     * The SOD uses an algorithm too weak to rely on (SHA-1 for the data group hashes or the signature): not
     * proof of tampering, but nothing it signs can be trusted.
     */
    ALGORITHM_NOT_ALLOWED,
    /** Glue: a genuine card of another citizen than the one this login has identified already (a second factor). */
    CARD_OF_ANOTHER_CITIZEN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String messageKey() {
        return "dinhdanh.chip." + code();
    }
}
