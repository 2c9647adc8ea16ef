package vn.dinhdanh.chip.passive;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.icao.LDSSecurityObject;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.Selector;

/**
 * EF.SOD's signature (ICAO 9303 part 10, 4.6.2; part 11, 5.1): a CMS SignedData over an LDS security
 * object, one signer, verified by BouncyCastle CMS (signed attributes, message digest, signature) with
 * the Document Signer certificate the SignedData carries. The certificate is returned for path
 * validation: a signature by an untrusted key proves nothing yet.
 */
public final class SodSignature {

    private static final String LDS_SECURITY_OBJECT_OID = vn.dinhdanh.chip.lds.LdsReader.LDS_SECURITY_OBJECT_OID;
    private static final int SOD_TAG_NUMBER = 23;
    /** The digests a signer may use over the signed attributes: SHA-224, -256, -384, -512. */
    private static final java.util.Set<String> SHA2_DIGESTS = java.util.Set.of(
            NISTObjectIdentifiers.id_sha224.getId(), NISTObjectIdentifiers.id_sha256.getId(),
            NISTObjectIdentifiers.id_sha384.getId(), NISTObjectIdentifiers.id_sha512.getId());

    private SodSignature() {
    }

    /** Signature algorithms whose hash is SHA-1 or older: refused as {@code algorithm_not_allowed}. */
    private static final java.util.Set<String> WEAK_SIGNATURES = java.util.Set.of(
            "1.2.840.10045.4.1",      // ecdsa-with-SHA1
            "1.2.840.113549.1.1.5",   // sha1WithRSAEncryption
            "1.2.840.113549.1.1.4",   // md5WithRSAEncryption
            "1.3.14.3.2.29",          // sha1WithRSASignature (OIW)
            "1.2.840.10040.4.3",      // dsa-with-sha1
            "0.4.0.127.0.7.1.1.4.1.1" // ecdsa-plain-SHA1 (BSI)
    );
    private static final String RSASSA_PSS = "1.2.840.113549.1.1.10";

    /** How the SOD's signature check ended. */
    public enum Status { VERIFIED, INVALID, ALGORITHM_NOT_ALLOWED }

    /** The outcome: the Document Signer certificate when the signature verifies. */
    public record Result(Status status, Optional<X509Certificate> documentSigner) {

        public boolean verified() {
            return status == Status.VERIFIED;
        }

        static Result invalid() {
            return new Result(Status.INVALID, Optional.empty());
        }

        static Result weak() {
            return new Result(Status.ALGORITHM_NOT_ALLOWED, Optional.empty());
        }
    }

    /**
     * @param sod EF.SOD as presented ({@code 77} wrapping the ContentInfo), structure already checked
     */
    public static Result verify(byte[] sod) {
        try {
            ASN1TaggedObject wrapper = ASN1TaggedObject.getInstance(ASN1Primitive.fromByteArray(sod),
                    BERTags.APPLICATION, SOD_TAG_NUMBER);
            CMSSignedData signedData = new CMSSignedData(
                    wrapper.getBaseUniversal(true, BERTags.SEQUENCE).getEncoded());
            if (!LDS_SECURITY_OBJECT_OID.equals(signedData.getSignedContentTypeOID())
                    || signedData.getSignerInfos().size() != 1) {
                return Result.invalid();
            }
            SignerInformation signer = signedData.getSignerInfos().getSigners().iterator().next();
            // SHA-1 (or anything older) anywhere: collisions are practical. Its own code: not tampering, not
            // a forgery, a card nobody can rely on (ICAO 9303 part 12 still lists SHA-1 for old passports).
            if (!SHA2_DIGESTS.contains(signer.getDigestAlgOID()) || weakSignature(signer)
                    || !SHA2_DIGESTS.contains(LDSSecurityObject.getInstance(
                            signedData.getSignedContent().getContent()).getDigestAlgorithmIdentifier().getAlgorithm().getId())) {
                return Result.weak();
            }
            // RFC 5652 5.3 and ICAO 9303 part 10, 4.6.2.2: signed attributes are required. Without them the
            // signature is over the content alone, with no content type bound to it.
            if (signer.getSignedAttributes() == null || signer.getSignedAttributes().size() == 0) {
                return Result.invalid();
            }
            // Outside the signature, but RFC 5652 has it list the signer's digest: a SOD that disagrees was altered.
            if (signedData.getDigestAlgorithmIDs().stream()
                    .noneMatch(a -> a.getAlgorithm().equals(signer.getDigestAlgorithmID().getAlgorithm()))) {
                return Result.invalid();
            }
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> matches = signedData.getCertificates()
                    .getMatches((Selector<X509CertificateHolder>) signer.getSID());
            if (matches.size() != 1) {
                return Result.invalid();
            }
            X509Certificate documentSigner = new JcaX509CertificateConverter().getCertificate(matches.iterator().next());
            // BouncyCastle's CMS checks the signed attributes and the message digest; one JCA Signature the signature.
            boolean verified = signer.verify(new SignerInformationVerifier(new DefaultCMSSignatureAlgorithmNameGenerator(),
                    new DefaultSignatureAlgorithmIdentifierFinder(), new OneSignatureVerifierProvider(documentSigner.getPublicKey()),
                    new JcaDigestCalculatorProviderBuilder().build()));
            return verified ? new Result(Status.VERIFIED, Optional.of(documentSigner)) : Result.invalid();
        } catch (CMSException | OperatorCreationException | CertificateException | IOException | RuntimeException e) {
            // A signature that cannot even be checked (unknown algorithm, broken encoding) is not a valid one.
            return Result.invalid();
        }
    }

    private static boolean weakSignature(SignerInformation signer) {
        String algorithm = signer.getEncryptionAlgOID();
        if (WEAK_SIGNATURES.contains(algorithm)) {
            return true;
        }
        if (RSASSA_PSS.equals(algorithm)) {
            // RSASSA-PSS's default hash is SHA-1: absent parameters mean SHA-1.
            org.bouncycastle.asn1.ASN1Encodable parameters = signer.toASN1Structure().getDigestEncryptionAlgorithm().getParameters();
            if (parameters == null || parameters instanceof org.bouncycastle.asn1.ASN1Null) {
                return true;
            }
            return !SHA2_DIGESTS.contains(org.bouncycastle.asn1.pkcs.RSASSAPSSparams.getInstance(parameters)
                    .getHashAlgorithm().getAlgorithm().getId());
        }
        return false;
    }
}
