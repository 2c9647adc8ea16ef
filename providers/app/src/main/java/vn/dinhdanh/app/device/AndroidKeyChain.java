package vn.dinhdanh.app.device;

import com.webauthn4j.verifier.exception.CertificateException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * An Android key attestation chain (key's certificate first, its root's copy already dropped) checked the way Google's
 * own verifier does (github.com/android/keyattestation, {@code KeyAttestationCertPathValidator}), because older
 * devices' chains do not all pass RFC 5280 validation: from the anchor down, each certificate names its issuer and is
 * signed by it; each but the key's own is valid at {@code at} (the key's certificate is dated by the phone), an expired
 * one tolerated in factory-provisioned chains, whose keys cannot be rotated; and only the key's certificate carries
 * the key description, so a chain extended below a genuine key (a certificate signed by that key) is refused.
 */
final class AndroidKeyChain {

    /** Android's key description extension (KeyDescription). */
    static final String KEY_DESCRIPTION_OID = "1.3.6.1.4.1.11129.2.1.17";

    private AndroidKeyChain() {
    }

    static void verify(List<X509Certificate> chain, Set<TrustAnchor> trusted, Instant at) {
        if (chain.size() < 2) {
            throw new CertificateException("an android-key chain has the key's certificate and at least its attestation certificate");
        }
        X509Certificate top = chain.get(chain.size() - 1);
        CertificateException last = new CertificateException("the android-key chain does not lead to a trusted root");
        for (TrustAnchor anchor : trusted) {
            if (!anchor.getTrustedCert().getSubjectX500Principal().equals(top.getIssuerX500Principal())) {
                continue;
            }
            try {
                walk(chain, anchor.getTrustedCert(), at);
                return;
            } catch (CertificateException e) {
                last = e;
            }
        }
        throw last;
    }

    private static void walk(List<X509Certificate> chain, X509Certificate anchor, Instant at) {
        boolean factory = factoryProvisioned(chain.get(chain.size() - 1));
        X509Certificate issuer = anchor;
        for (int i = chain.size() - 1; i >= 0; i--) {
            X509Certificate certificate = chain.get(i);
            if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                throw new CertificateException("android-key chain: certificate " + i + " does not name the one above as issuer");
            }
            try {
                certificate.verify(issuer.getPublicKey());
            } catch (GeneralSecurityException e) {
                throw new CertificateException("android-key chain: certificate " + i + " is not signed by the one above", e);
            }
            if (i > 0) {
                valid(certificate, at, factory, i);
                if (certificate.getExtensionValue(KEY_DESCRIPTION_OID) != null) {
                    throw new CertificateException("android-key chain: a key description above the key's certificate (a chain extended below a key)");
                }
            }
            issuer = certificate;
        }
    }

    private static void valid(X509Certificate certificate, Instant at, boolean factory, int index) {
        try {
            certificate.checkValidity(Date.from(at));
        } catch (CertificateNotYetValidException e) {
            throw new CertificateException("android-key chain: certificate " + index + " is not valid yet", e);
        } catch (CertificateExpiredException e) {
            if (!factory) {
                throw new CertificateException("android-key chain: certificate " + index + " has expired", e);
            }
        }
    }

    /** Google's test: the certificate under the root of a factory-provisioned chain has a serialNumber in its name. */
    private static boolean factoryProvisioned(X509Certificate underRoot) {
        return X500Name.getInstance(underRoot.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.SERIALNUMBER).length > 0;
    }
}
