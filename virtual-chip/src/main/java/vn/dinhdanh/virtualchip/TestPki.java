package vn.dinhdanh.virtualchip;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.icao.CscaMasterList;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A test country PKI as ICAO 9303 part 12 lays it out: a self-signed CSCA, a Document Signer it
 * issued, a second Document Signer it revoked (listed in its CRL), and a Master List Signer that signs
 * a CSCA master list. EC P-256 throughout by default, or one {@link Curve} (Brainpool) throughout; real
 * signatures, deterministic for a seed.
 *
 * <p>{@link #impostor()} is a CSCA with the same name and a different key: a verifier that trusts this
 * PKI must not trust anything it signs.
 */
public final class TestPki {

    /** id-icao-cscaMasterList: the content type of a CSCA master list's CMS SignedData. */
    public static final String CSCA_MASTER_LIST_OID = "2.23.136.1.1.2";
    /** id-icao-mrtd-security-masterListSigner, the extended key usage of a Master List Signer. */
    static final String MASTER_LIST_SIGNER_EKU = "2.23.136.1.1.3";

    // Fixed validity, so fixtures are byte-identical across runs and days; wide enough for any test clock.
    private static final Instant NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant NOT_AFTER = Instant.parse("2045-01-01T00:00:00Z");
    private static final Instant CRL_THIS_UPDATE = Instant.parse("2024-01-01T00:00:00Z");

    /** A certificate and the private key of its subject. */
    public record Issued(X509Certificate certificate, PrivateKey privateKey) {
    }

    private final long seed;
    private final Curve curve;
    private final String country;
    private final X500Name cscaName;
    private final Issued csca;
    private final Issued documentSigner;
    private final Issued revokedDocumentSigner;
    private final Issued masterListSigner;
    private final X509CRL crl;

    private TestPki(long seed, String keyLabel, Curve curve, String country) {
        this.seed = seed;
        this.curve = curve;
        this.country = country;
        this.cscaName = new X500Name("C=" + country + ",O=dinhdanh test,OU=CSCA,CN=CSCA " + country + " TEST"
                + (curve == Curve.P256 ? "" : " " + curve.jcaName()));
        KeyPair cscaKeys = Seeded.ec(curve, seed, keyLabel + "/csca");
        this.csca = new Issued(selfSigned(cscaKeys), cscaKeys.getPrivate());
        this.documentSigner = issue("CN=Document Signer TEST 1", 2, keyLabel + "/ds1", KeyPurpose.DOCUMENT_SIGNER);
        this.revokedDocumentSigner = issue("CN=Document Signer TEST 2 (revoked)", 3, keyLabel + "/ds2",
                KeyPurpose.DOCUMENT_SIGNER);
        this.masterListSigner = issue("CN=Master List Signer TEST", 4, keyLabel + "/mls", KeyPurpose.MASTER_LIST_SIGNER);
        this.crl = crlRevoking(revokedDocumentSigner.certificate(), CRL_THIS_UPDATE, NOT_AFTER, 1);
    }

    /** The PKI of a seed: always the same keys and certificates. */
    public static TestPki generate(long seed) {
        return new TestPki(seed, "pki", Curve.P256, "VN");
    }

    /** The PKI of a seed with every key on {@code curve} (a second CSCA: another name, other keys). */
    public static TestPki generate(long seed, Curve curve) {
        return curve == Curve.P256 ? generate(seed) : new TestPki(seed, "pki-" + curve.jcaName(), curve, "VN");
    }

    /** Same CSCA name, other keys: the PKI of a forger. */
    public TestPki impostor() {
        return new TestPki(seed, curve == Curve.P256 ? "impostor" : "impostor-" + curve.jcaName(), curve, country);
    }

    /**
     * Another state's genuine PKI (same curve, other keys, C={@code countryCode}): what a global master list
     * brings into a trust store. Its Document Signers must not be able to sign a Vietnamese card.
     */
    public TestPki foreign(String countryCode) {
        return new TestPki(seed, "foreign-" + countryCode + "-" + curve.jcaName(), curve, countryCode);
    }

    public Curve curve() {
        return curve;
    }

    /** The Master List Signer (issued by the CSCA, extended key usage id-icao-mrtd-security-masterListSigner). */
    public Issued masterListSigner() {
        return masterListSigner;
    }

    /**
     * A CRL of this CSCA like {@link #crl()} (revokes {@link #revokedDocumentSigner()}) but issued at
     * {@code thisUpdate} with the given {@code nextUpdate}: a current one, or a stale one.
     */
    public X509CRL crl(Instant thisUpdate, Instant nextUpdate, long crlNumber) {
        return crlRevoking(revokedDocumentSigner.certificate(), thisUpdate, nextUpdate, crlNumber);
    }

    public X509Certificate csca() {
        return csca.certificate();
    }

    public Issued documentSigner() {
        return documentSigner;
    }

    /** Issued by {@link #csca()} like {@link #documentSigner()}, and listed in {@link #crl()}. */
    public Issued revokedDocumentSigner() {
        return revokedDocumentSigner;
    }

    /** The CSCA's CRL: revokes {@link #revokedDocumentSigner()} (key compromise), nothing else. */
    public X509CRL crl() {
        return crl;
    }

    public String cscaPem() {
        return pem(csca.certificate());
    }

    public String crlPem() {
        return pem(crl);
    }

    /**
     * The CSCA as an ICAO CSCA master list: CMS SignedData of content type {@value #CSCA_MASTER_LIST_OID}
     * over CscaMasterList { version 0, { CSCA } }, signed by the Master List Signer, whose certificate
     * (issued by the CSCA) travels in the SignedData.
     */
    public byte[] masterList() {
        return masterListSignedBy(masterListSigner);
    }

    /** The same master list signed by {@code signer} (a negative test: a signer without the Master List Signer usage). */
    public byte[] masterListSignedBy(Issued listSigner) {
        Issued masterListSigner = listSigner;
        try {
            CscaMasterList list = new CscaMasterList(new Certificate[] {
                    Certificate.getInstance(csca.certificate().getEncoded())});
            ContentSigner signer = signer(masterListSigner.privateKey(), "mls-cms");
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().build()).build(signer, masterListSigner.certificate()));
            generator.addCertificate(new org.bouncycastle.cert.jcajce.JcaX509CertificateHolder(
                    masterListSigner.certificate()));
            CMSProcessableByteArray content = new CMSProcessableByteArray(
                    new ASN1ObjectIdentifier(CSCA_MASTER_LIST_OID), list.getEncoded());
            return generator.generate(content, true).getEncoded();
        } catch (GeneralSecurityException | OperatorCreationException | IOException
                 | org.bouncycastle.cms.CMSException e) {
            throw new IllegalStateException("cannot build the master list", e);
        }
    }

    private enum KeyPurpose { DOCUMENT_SIGNER, MASTER_LIST_SIGNER }

    private X509Certificate selfSigned(KeyPair keys) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(cscaName, BigInteger.ONE,
                    Date.from(NOT_BEFORE), Date.from(NOT_AFTER), cscaName, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            utils.createSubjectKeyIdentifier(keys.getPublic()));
            return certificate(builder, keys.getPrivate(), "csca-cert");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the CSCA", e);
        }
    }

    private Issued issue(String commonName, long serial, String keyLabel, KeyPurpose purpose) {
        try {
            KeyPair keys = Seeded.ec(curve, seed, keyLabel);
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X500Name subject = new X500Name("C=" + country + ",O=dinhdanh test," + commonName);
            PublicKey publicKey = keys.getPublic();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(cscaName, BigInteger.valueOf(serial),
                    Date.from(NOT_BEFORE), Date.from(NOT_AFTER), subject, publicKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            utils.createAuthorityKeyIdentifier(csca.certificate()))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
            if (purpose == KeyPurpose.MASTER_LIST_SIGNER) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        KeyPurposeId.getInstance(new ASN1ObjectIdentifier(MASTER_LIST_SIGNER_EKU))));
            }
            return new Issued(certificate(builder, csca.privateKey(), keyLabel + "-cert"), keys.getPrivate());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot issue " + commonName, e);
        }
    }

    private X509CRL crlRevoking(X509Certificate revoked, Instant thisUpdate, Instant nextUpdate, long number) {
        try {
            JcaX509v2CRLBuilder builder = new JcaX509v2CRLBuilder(csca.certificate(), Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            builder.addCRLEntry(revoked.getSerialNumber(), Date.from(CRL_THIS_UPDATE), CRLReason.keyCompromise);
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(csca.certificate()));
            builder.addExtension(Extension.cRLNumber, false, new org.bouncycastle.asn1.x509.CRLNumber(BigInteger.valueOf(number)));
            return new JcaX509CRLConverter().getCRL(builder.build(signer(csca.privateKey(), "crl-" + number)));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the CRL", e);
        }
    }

    private X509Certificate certificate(X509v3CertificateBuilder builder, PrivateKey issuerKey, String label)
            throws GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer(issuerKey, label)));
    }

    ContentSigner signer(PrivateKey key, String label) {
        return signer(key, curve.signatureAlgorithm(), label);
    }

    /** A signer with {@code algorithm} (SHA1withECDSA for an outdated SOD), deterministic for the label. */
    ContentSigner signer(PrivateKey key, String algorithm, String label) {
        try {
            JcaContentSignerBuilder builder = new JcaContentSignerBuilder(algorithm)
                    .setSecureRandom(Seeded.random(seed, label));
            if (Providers.forKey(key) != null) {
                builder.setProvider(Providers.forKey(key));
            }
            return builder.build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign with " + algorithm, e);
        }
    }

    static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write PEM", e);
        }
        return out.toString();
    }
}
