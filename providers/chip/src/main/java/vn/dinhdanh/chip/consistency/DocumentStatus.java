package vn.dinhdanh.chip.consistency;

import java.security.cert.X509Certificate;

/**
 * The card's status at its issuer, for production the Ministry's verification gateway (C06/RAR centre),
 * which banks query online. Implemented by the caller (the glue chooses the gateway client, its timeouts
 * and caching); an implementation that cannot get an answer returns {@link Status#UNKNOWN}, which the
 * verifier reports as a skipped check rather than a pass.
 */
@FunctionalInterface
public interface DocumentStatus {

    enum Status { VALID, REVOKED, REPLACED, LOST, UNKNOWN }

    /**
     * @param cardNumber the 12-digit number (the card number since 2021), from the verified DG13
     * @param documentSigner the verified Document Signer certificate that signed the card's SOD
     */
    Status status(String cardNumber, X509Certificate documentSigner);

    /** No gateway configured: every card is {@link Status#UNKNOWN}. */
    static DocumentStatus none() {
        return (cardNumber, documentSigner) -> Status.UNKNOWN;
    }
}
