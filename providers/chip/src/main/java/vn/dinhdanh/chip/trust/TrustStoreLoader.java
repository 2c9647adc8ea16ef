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
 * A master list counts only if its signature verifies and its signer's certificate chains to a CSCA the
 * list itself contains (ICAO 9303 part 12, 9): a file that was altered loads nothing.
 */
public final class TrustStoreLoader {

    public static final String CSCA_MASTER_LIST_OID = "2.23.136.1.1.2";
    /** A master list or PEM file larger than this is refused (the German list, the largest, is ~1 MiB). */
    public static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

    private final Clock clock;

    public TrustStoreLoader(Clock clock) {
        this.clock = clock;
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
        return TrustStore.of(cscas, crls);
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
            checkSigner(signed, cscas);
            return cscas;
        } catch (CMSException | OperatorCreationException | RuntimeException e) {
            throw new GeneralSecurityException("unreadable CSCA master list", e);
        }
    }

    private void checkSigner(CMSSignedData signed, List<X509Certificate> cscas)
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
        if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(signerCertificate))) {
            throw new GeneralSecurityException("the master list's signature does not verify");
        }
        Set<TrustAnchor> anchors = cscas.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toSet());
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
