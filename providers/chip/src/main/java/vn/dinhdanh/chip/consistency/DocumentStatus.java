package vn.dinhdanh.chip.consistency;

import java.security.cert.X509Certificate;
import vn.dinhdanh.chip.lds.ChipIdentity;

/**
 * The card's status at its issuer: in production the Ministry's verification gateway (C06/RAR centre),
 * which banks query online; by default the registry's card table. Implemented by the caller (the glue
 * chooses the source, its timeouts and caching). An implementation that has no answer for the card returns
 * {@link Status#UNKNOWN}; one that cannot be reached throws, and the verifier reports
 * {@code registry_unavailable}: neither is ever a pass.
 */
@FunctionalInterface
public interface DocumentStatus {

    enum Status { VALID, REVOKED, REPLACED, LOST, UNKNOWN }

    /**
     * @param card the card as its verified chip describes it: the 12-digit number (the card number since
     *        2021), the MRZ document number, issue and expiry dates; personal data, never to be logged
     * @param documentSigner the verified Document Signer certificate that signed the card's SOD
     */
    Status status(ChipIdentity card, X509Certificate documentSigner);

    /** No status source configured: every card is {@link Status#UNKNOWN}. */
    static DocumentStatus none() {
        return (card, documentSigner) -> Status.UNKNOWN;
    }
}
