package vn.dinhdanh.chip.trust;

import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;

/**
 * The CSCA certificates a Document Signer must chain to, and the CSCAs' CRLs. Immutable: load a new one
 * to change it (see {@link TrustStoreLoader}). A CSCA is trusted as the anchor it is, as PKIX does.
 */
public final class TrustStore {

    private final List<X509Certificate> cscas;
    private final List<X509CRL> crls;

    private TrustStore(Collection<X509Certificate> cscas, Collection<X509CRL> crls) {
        this.cscas = List.copyOf(cscas);
        this.crls = List.copyOf(crls);
    }

    public static TrustStore of(Collection<X509Certificate> cscas, Collection<X509CRL> crls) {
        return new TrustStore(cscas, crls);
    }

    public List<X509Certificate> cscas() {
        return cscas;
    }

    public List<X509CRL> crls() {
        return crls;
    }

    public boolean isEmpty() {
        return cscas.isEmpty();
    }

    Set<TrustAnchor> anchors() {
        return cscas.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toSet());
    }

    /** The CSCAs named {@code subject} (a CSCA rollover keeps the name, so there may be several). */
    List<X509Certificate> cscasNamed(X500Principal subject) {
        return cscas.stream().filter(c -> c.getSubjectX500Principal().equals(subject)).collect(Collectors.toList());
    }

    /** The CRLs issued under {@code issuer}'s name. Their signatures are checked during path validation. */
    List<X509CRL> crlsOf(X500Principal issuer) {
        return crls.stream().filter(crl -> crl.getIssuerX500Principal().equals(issuer)).collect(Collectors.toList());
    }

    @Override
    public String toString() {
        return "TrustStore[" + cscas.size() + " CSCA, " + crls.size() + " CRL]";
    }
}
