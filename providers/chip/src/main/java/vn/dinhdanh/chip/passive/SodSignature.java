package vn.dinhdanh.chip.passive;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
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

    /** The outcome: the Document Signer certificate when the signature verifies. */
    public record Result(boolean verified, Optional<X509Certificate> documentSigner) {

        static Result invalid() {
            return new Result(false, Optional.empty());
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
            if (!SHA2_DIGESTS.contains(signer.getDigestAlgOID())) {
                return Result.invalid(); // SHA-1 (or anything older) over the signed attributes: collisions are practical
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
            return verified ? new Result(true, Optional.of(documentSigner)) : Result.invalid();
        } catch (CMSException | OperatorCreationException | CertificateException | IOException | RuntimeException e) {
            // A signature that cannot even be checked (unknown algorithm, broken encoding) is not a valid one.
            return Result.invalid();
        }
    }
}
