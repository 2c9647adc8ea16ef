package vn.dinhdanh.chip.trust;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;

/**
 * Document Signer → CSCA with the JDK's PKIX validator (ICAO 9303 part 11, 5.1 step 2): signature,
 * validity on the injected clock's date, CA constraints. Revocation: when the trust store holds a CRL of
 * the DS's issuer, it is checked (and must be current and correctly signed, or the path fails); without
 * one the DS is not trusted unless the policy relaxes that (then nothing is checked offline, and the
 * online document-status check is all there is).
 */
public final class DocumentSignerValidator {

    /** How path validation ended. */
    public enum Outcome { TRUSTED, NOT_TRUSTED, REVOKED }

    private static final int DIGITAL_SIGNATURE = 0;

    private final TrustStore trustStore;
    private final Clock clock;
    private final boolean requireRevocationList;

    /** @param requireRevocationList true: no CRL of the DS's issuer in the trust store = not trusted */
    public DocumentSignerValidator(TrustStore trustStore, Clock clock, boolean requireRevocationList) {
        this.trustStore = trustStore;
        this.clock = clock;
        this.requireRevocationList = requireRevocationList;
    }

    public Outcome validate(X509Certificate documentSigner) {
        if (trustStore.isEmpty()) {
            return Outcome.NOT_TRUSTED;
        }
        boolean[] keyUsage = documentSigner.getKeyUsage();
        if (keyUsage != null && (keyUsage.length <= DIGITAL_SIGNATURE || !keyUsage[DIGITAL_SIGNATURE])) {
            return Outcome.NOT_TRUSTED;
        }
        try {
            PKIXParameters parameters = new PKIXParameters(trustStore.anchors());
            parameters.setDate(Date.from(clock.instant()));
            List<X509CRL> crls = trustStore.crlsOf(documentSigner.getIssuerX500Principal());
            if (crls.isEmpty() && requireRevocationList) {
                return Outcome.NOT_TRUSTED;
            }
            parameters.setRevocationEnabled(!crls.isEmpty());
            if (!crls.isEmpty()) {
                parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
            }
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(List.of(documentSigner)), parameters);
            return Outcome.TRUSTED;
        } catch (CertPathValidatorException e) {
            return e.getReason() == CertPathValidatorException.BasicReason.REVOKED ? Outcome.REVOKED : Outcome.NOT_TRUSTED;
        } catch (GeneralSecurityException | RuntimeException e) {
            return Outcome.NOT_TRUSTED;
        }
    }
}
