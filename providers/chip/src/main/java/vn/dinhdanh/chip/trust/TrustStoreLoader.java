package vn.dinhdanh.chip.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.icao.CscaMasterList;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.Selector;

/**
 * Builds a {@link TrustStore} from the files an operator configures: ICAO CSCA master lists (CMS
 * SignedData, content type {@value #CSCA_MASTER_LIST_OID}) and PEM files of CSCA certificates and CRLs.
 * A master list counts only if its signature verifies and its signer's certificate (extended key usage
 * Master List Signer) chains to a configured anchor ({@code master-list-anchors}): never to a certificate
 * inside the list, which would let anyone who can write the file vouch for themselves. A CRL counts only
 * if a CSCA of the store signed it. A file that was altered loads nothing.
 */
public final class TrustStoreLoader {

    public static final String CSCA_MASTER_LIST_OID = "2.23.136.1.1.2";
    /** A master list or PEM file larger than this is refused (the German list, the largest, is ~1 MiB). */
    public static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

    /** id-icao-mrtd-security-masterListSigner (ICAO 9303 part 12, 7.1.1.4). */
    static final String MASTER_LIST_SIGNER_EKU = "2.23.136.1.1.3";

    private final Clock clock;
    private final List<X509Certificate> masterListAnchors;

    /** A loader that refuses every master list: PEM files only. */
    public TrustStoreLoader(Clock clock) {
        this(clock, List.of());
    }

    /** @param masterListAnchors the certificates a master list's signer must chain to (the national CSCA, as a rule) */
    public TrustStoreLoader(Clock clock, Collection<X509Certificate> masterListAnchors) {
        this.clock = clock;
        this.masterListAnchors = List.copyOf(masterListAnchors);
    }

    /** The certificates of PEM files (master list anchors): nothing else is allowed in them. */
    public static List<X509Certificate> certificates(Collection<Path> files) throws IOException, GeneralSecurityException {
        List<X509Certificate> certificates = new ArrayList<>();
        List<X509CRL> crls = new ArrayList<>();
        for (Path file : files) {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IOException(file + ": larger than " + MAX_FILE_BYTES + " bytes");
            }
            readPem(Files.readAllBytes(file), certificates, crls);
        }
        if (!crls.isEmpty()) {
            throw new GeneralSecurityException("master list anchors are certificates only");
        }
        return certificates;
    }

    /**
     * Every file, by content: PEM when it has a "-----BEGIN" line (explanatory text before it is allowed, as
     * OpenSSL writes it), a master list (DER) otherwise.
     */
    public TrustStore load(Collection<Path> files) throws IOException, GeneralSecurityException {
        List<X509Certificate> cscas = new ArrayList<>();
        List<X509CRL> crls = new ArrayList<>();
        for (Path file : files) {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IOException(file + ": larger than " + MAX_FILE_BYTES + " bytes");
            }
            byte[] bytes = Files.readAllBytes(file);
            if (new String(bytes, StandardCharsets.ISO_8859_1).contains("\n-----BEGIN ")
                    || new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.US_ASCII).strip().startsWith("-----BEGIN")) {
                readPem(bytes, cscas, crls);
            } else {
                cscas.addAll(masterList(bytes));
            }
        }
        checkCrls(cscas, crls);
        return TrustStore.of(cscas, crls);
    }

    /** Every CRL signed by a CSCA of its issuer's name: an unsigned or foreign CRL is a broken trust file. */
    private static void checkCrls(List<X509Certificate> cscas, List<X509CRL> crls) throws GeneralSecurityException {
        for (X509CRL crl : crls) {
            boolean signed = false;
            for (X509Certificate csca : cscas) {
                if (!csca.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
                    continue;
                }
                try {
                    java.security.Provider provider = vn.dinhdanh.chip.crypto.SignatureProviders.forKey(csca.getPublicKey());
                    if (provider == null) {
                        crl.verify(csca.getPublicKey());
                    } else {
                        crl.verify(csca.getPublicKey(), provider);
                    }
                    signed = true;
                    break;
                } catch (GeneralSecurityException e) {
                    // another CSCA of the same name (a rollover) may have signed it
                }
            }
            if (!signed) {
                throw new GeneralSecurityException("a CRL is not signed by any CSCA of the trust store: " + crl.getIssuerX500Principal());
            }
        }
    }

    /** The CSCA certificates of a master list whose signature verifies. */
    public List<X509Certificate> masterList(byte[] bytes) throws GeneralSecurityException {
        try {
            CMSSignedData signed = new CMSSignedData(bytes);
            if (!CSCA_MASTER_LIST_OID.equals(signed.getSignedContentTypeOID())) {
                throw new GeneralSecurityException("not a CSCA master list");
            }
            CscaMasterList list = CscaMasterList.getInstance(signed.getSignedContent().getContent());
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            List<X509Certificate> cscas = new ArrayList<>();
            for (Certificate certificate : list.getCertStructs()) {
                cscas.add(converter.getCertificate(new X509CertificateHolder(certificate)));
            }
            checkSigner(signed);
            return cscas;
        } catch (CMSException | OperatorCreationException | RuntimeException e) {
            throw new GeneralSecurityException("unreadable CSCA master list", e);
        }
    }

    private void checkSigner(CMSSignedData signed)
            throws GeneralSecurityException, CMSException, OperatorCreationException {
        if (signed.getSignerInfos().size() != 1) {
            throw new GeneralSecurityException("a master list has one signer");
        }
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = signed.getCertificates()
                .getMatches((Selector<X509CertificateHolder>) signer.getSID());
        if (matches.size() != 1) {
            throw new GeneralSecurityException("the master list signer's certificate is missing");
        }
        X509Certificate signerCertificate = new JcaX509CertificateConverter().getCertificate(matches.iterator().next());
        JcaSimpleSignerInfoVerifierBuilder verifier = new JcaSimpleSignerInfoVerifierBuilder();
        if (vn.dinhdanh.chip.crypto.SignatureProviders.forKey(signerCertificate.getPublicKey()) != null) {
            verifier.setProvider(vn.dinhdanh.chip.crypto.SignatureProviders.bouncyCastle());
        }
        if (!signer.verify(verifier.build(signerCertificate))) {
            throw new GeneralSecurityException("the master list's signature does not verify");
        }
        if (masterListAnchors.isEmpty()) {
            throw new GeneralSecurityException("no master list anchor configured: a master list cannot vouch for itself");
        }
        List<String> usages = signerCertificate.getExtendedKeyUsage();
        if (usages == null || !usages.contains(MASTER_LIST_SIGNER_EKU)) {
            throw new GeneralSecurityException("the master list's signer is not a Master List Signer (extended key usage)");
        }
        Set<TrustAnchor> anchors = masterListAnchors.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toSet());
        PKIXParameters parameters = new PKIXParameters(anchors);
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(clock.instant()));
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(signerCertificate)), parameters);
    }

    private static void readPem(byte[] bytes, List<X509Certificate> cscas, List<X509CRL> crls)
            throws IOException, GeneralSecurityException {
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.US_ASCII);
             PEMParser pem = new PEMParser(reader)) {
            for (Object object = pem.readObject(); object != null; object = pem.readObject()) {
                if (object instanceof X509CertificateHolder) {
                    cscas.add(new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) object));
                } else if (object instanceof X509CRLHolder) {
                    crls.add(new JcaX509CRLConverter().getCRL((X509CRLHolder) object));
                } else {
                    throw new GeneralSecurityException("a trust file holds certificates and CRLs only");
                }
            }
        }
    }
}
