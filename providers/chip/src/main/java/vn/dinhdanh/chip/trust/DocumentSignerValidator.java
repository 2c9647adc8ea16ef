package vn.dinhdanh.chip.trust;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import vn.dinhdanh.chip.crypto.SignatureProviders;

/**
 * Document Signer → CSCA with the JDK's PKIX validator (ICAO 9303 part 11, 5.1 step 2): signature,
 * validity on the injected clock's date, CA constraints. Signatures by a CSCA key the JDK cannot verify
 * (Brainpool and other non-NIST curves) are checked by BouncyCastle ({@link SignatureProviders}).
 *
 * <p>Bound to one country: the anchor the path ends at, and the Document Signer, must both name the
 * configured country (VN): a Document Signer under another state's CSCA (trusted too, as from a global
 * master list) cannot sign a Vietnamese card.
 *
 * <p>Revocation: when the trust store holds a CRL of the DS's issuer, it is checked; a CRL whose
 * {@code nextUpdate} has passed answers {@link Outcome#CRL_STALE} (an operator's problem, not a forged
 * card). Without any CRL the DS is not trusted unless the policy relaxes that (then nothing is checked
 * offline, and the online document-status check is all there is).
 */
public final class DocumentSignerValidator {

    /** How path validation ended. */
    public enum Outcome { TRUSTED, NOT_TRUSTED, REVOKED, CRL_STALE }

    private static final int DIGITAL_SIGNATURE = 0;

    private final TrustStore trustStore;
    private final Clock clock;
    private final boolean requireRevocationList;
    private final String country;

    /**
     * @param requireRevocationList true: no CRL of the DS's issuer in the trust store = not trusted
     * @param country the ISO 3166-1 alpha-2 code the CSCA and the Document Signer must carry (C=)
     */
    public DocumentSignerValidator(TrustStore trustStore, Clock clock, boolean requireRevocationList, String country) {
        this.trustStore = trustStore;
        this.clock = clock;
        this.requireRevocationList = requireRevocationList;
        this.country = country.toUpperCase(Locale.ROOT);
    }

    public Outcome validate(X509Certificate documentSigner) {
        if (trustStore.isEmpty()) {
            return Outcome.NOT_TRUSTED;
        }
        boolean[] keyUsage = documentSigner.getKeyUsage();
        if (keyUsage != null && (keyUsage.length <= DIGITAL_SIGNATURE || !keyUsage[DIGITAL_SIGNATURE])) {
            return Outcome.NOT_TRUSTED;
        }
        if (!country.equals(Countries.of(documentSigner.getSubjectX500Principal()))) {
            return Outcome.NOT_TRUSTED;
        }
        try {
            Instant now = clock.instant();
            // Before the CRL's freshness: an expired Document Signer is untrusted whatever the CRL says.
            documentSigner.checkValidity(Date.from(now));
            PKIXParameters parameters = new PKIXParameters(trustStore.anchors());
            parameters.setDate(Date.from(now));
            List<X509CRL> crls = trustStore.crlsOf(documentSigner.getIssuerX500Principal());
            if (crls.isEmpty() && requireRevocationList) {
                return Outcome.NOT_TRUSTED;
            }
            List<X509CRL> current = crls.stream().filter(crl -> Crls.current(crl, now)).collect(Collectors.toList());
            if (!crls.isEmpty() && current.isEmpty()) {
                return Outcome.CRL_STALE;
            }
            parameters.setRevocationEnabled(!current.isEmpty());
            if (!current.isEmpty()) {
                parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(current)));
            }
            if (trustStore.cscasNamed(documentSigner.getIssuerX500Principal()).stream()
                    .anyMatch(csca -> !SignatureProviders.jdkCan(csca.getPublicKey()))) {
                parameters.setSigProvider(SignatureProviders.bouncyCastle().getName());
            }
            PKIXCertPathValidatorResult result = (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(documentSigner)), parameters);
            X509Certificate anchor = result.getTrustAnchor().getTrustedCert();
            if (anchor == null || !country.equals(Countries.of(anchor.getSubjectX500Principal()))) {
                return Outcome.NOT_TRUSTED;
            }
            return Outcome.TRUSTED;
        } catch (CertPathValidatorException e) {
            return e.getReason() == CertPathValidatorException.BasicReason.REVOKED ? Outcome.REVOKED : Outcome.NOT_TRUSTED;
        } catch (GeneralSecurityException | RuntimeException e) {
            return Outcome.NOT_TRUSTED;
        }
    }
}
