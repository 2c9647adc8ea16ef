package vn.dinhdanh.app.device;

import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.statement.CertificateBaseAttestationStatement;
import com.webauthn4j.verifier.attestation.trustworthiness.certpath.CertPathTrustworthinessVerifier;
import com.webauthn4j.verifier.exception.CertificateException;
import com.webauthn4j.verifier.exception.TrustAnchorNotFoundException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The certificate chain of a certified attestation checked against the trust anchors of its format, at the clock's
 * time, without revocation lists. webauthn4j's own {@code DefaultCertPathTrustworthinessVerifier} looks anchors up by
 * AAGUID, the same for every format; here Google's roots anchor only {@code android-key} and Apple's only App Attest.
 * <p>
 * {@code android-key} chains are checked as Google's verifier checks them ({@link AndroidKeyChain}); the others with
 * the JDK's PKIX validator. A chain that carries a copy of its root (Android's do) has the copy dropped when its name
 * and key are an anchor's: the anchor stands for it, whatever the copy's own validity.
 */
final class AnchoredCertPaths implements CertPathTrustworthinessVerifier {

    private final Map<String, Set<TrustAnchor>> anchors = new HashMap<>();
    private final Clock clock;

    /** @param anchors trust anchors by attestation format ({@code packed}, {@code android-key}, {@code apple-appattest}) */
    AnchoredCertPaths(Map<String, List<X509Certificate>> anchors, Clock clock) {
        anchors.forEach((format, certificates) -> {
            Set<TrustAnchor> set = new HashSet<>();
            certificates.forEach(c -> set.add(new TrustAnchor(c, null)));
            this.anchors.put(format, Set.copyOf(set));
        });
        this.clock = clock;
    }

    /** {@code timestamp} (webauthn4j's "now") gives way to the clock, so that tests can pin the time. */
    @Override
    public void verify(AAGUID aaguid, CertificateBaseAttestationStatement statement, Instant timestamp) {
        Set<TrustAnchor> trusted = anchors.getOrDefault(statement.getFormat(), Set.of());
        if (trusted.isEmpty()) {
            throw new TrustAnchorNotFoundException("no trust anchor is configured for " + statement.getFormat() + " attestations");
        }
        List<X509Certificate> chain = withoutAnchorCopy(statement.getX5c(), trusted);
        if (AttestationPolicy.ANDROID_KEY.equals(statement.getFormat())) {
            AndroidKeyChain.verify(chain, trusted, clock.instant());
        } else {
            pkix(chain, trusted, clock.instant());
        }
    }

    private static void pkix(List<X509Certificate> chain, Set<TrustAnchor> trusted, Instant at) {
        if (chain.size() == 1 && trusted.stream().anyMatch(a -> chain.get(0).equals(a.getTrustedCert()))) {
            return; // the attestation certificate is itself trusted
        }
        try {
            CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(chain);
            PKIXParameters parameters = new PKIXParameters(trusted);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(path, parameters);
        } catch (GeneralSecurityException e) {
            throw new CertificateException("the attestation's certificate chain does not lead to a trusted root", e);
        }
    }

    /** The chain without its last certificate when that is a self-issued copy of an anchor (same name, same key). */
    static List<X509Certificate> withoutAnchorCopy(List<X509Certificate> chain, Set<TrustAnchor> trusted) {
        if (chain.size() < 2) {
            return List.copyOf(chain);
        }
        X509Certificate last = chain.get(chain.size() - 1);
        boolean copy = last.getSubjectX500Principal().equals(last.getIssuerX500Principal())
                && trusted.stream().map(TrustAnchor::getTrustedCert).anyMatch(anchor ->
                        anchor.getSubjectX500Principal().equals(last.getSubjectX500Principal())
                                && anchor.getPublicKey().equals(last.getPublicKey()));
        return List.copyOf(copy ? chain.subList(0, chain.size() - 1) : chain);
    }
}
