package vn.dinhdanh.bench.chip;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.Collection;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.ISO9796d2Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.util.Selector;
import vn.dinhdanh.chip.crypto.SignatureProviders;
import vn.dinhdanh.virtualchip.ActiveAuthKey;

/**
 * The public-key signature verifications that verifying one chip contains, done directly with JCA (the
 * provider the core asks for each key: BouncyCastle for EC, the JDK for RSA) and BouncyCastle's lightweight RSA, on
 * the very bytes the chip presents; everything else (parsing, hashing the data groups, path building, the
 * data checks) is left out. Their summed times are the floor of one verification: "the bound".
 *
 * <p>All decoding is done once, here; each check creates its own {@link Signature} (or signer) and
 * verifies, as a caller verifying a fresh signature must.
 */
final class RawSignatures {

    private static final int SOD_TAG_NUMBER = 23;
    private static final int DG15_TAG_NUMBER = 15;

    private final String sodAlgorithm;
    private final byte[] sodSignedAttributes;
    private final byte[] sodSignature;
    private final PublicKey documentSignerKey;

    private final String documentSignerAlgorithm;
    private final byte[] documentSignerTbs;
    private final byte[] documentSignerSignature;
    private final PublicKey cscaKey;

    private final String crlAlgorithm;
    private final byte[] crlTbs;
    private final byte[] crlSignature;

    private final ActiveAuthKey activeAuth;
    private final PublicKey activeAuthKey;
    private final RSAKeyParameters activeAuthRsaKey;

    /**
     * @param sod EF.SOD as the chip presents it
     * @param dg15 DG15 as the chip presents it (the Active Authentication public key)
     * @param activeAuth how the chip answers INTERNAL AUTHENTICATE
     */
    RawSignatures(byte[] sod, byte[] dg15, ActiveAuthKey activeAuth, X509Certificate csca, X509CRL crl) {
        try {
            ASN1TaggedObject wrapper = ASN1TaggedObject.getInstance(ASN1Primitive.fromByteArray(sod),
                    BERTags.APPLICATION, SOD_TAG_NUMBER);
            CMSSignedData signedData = new CMSSignedData(wrapper.getBaseUniversal(true, BERTags.SEQUENCE).getEncoded());
            SignerInformation signer = signedData.getSignerInfos().getSigners().iterator().next();
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> matches = signedData.getCertificates()
                    .getMatches((Selector<X509CertificateHolder>) signer.getSID());
            X509Certificate documentSigner = new JcaX509CertificateConverter().getCertificate(matches.iterator().next());
            this.sodAlgorithm = new DefaultAlgorithmNameFinder().getAlgorithmName(
                    new ASN1ObjectIdentifier(signer.getEncryptionAlgOID()));
            this.sodSignedAttributes = signer.getEncodedSignedAttributes();
            this.sodSignature = signer.getSignature();
            this.documentSignerKey = documentSigner.getPublicKey();

            this.documentSignerAlgorithm = documentSigner.getSigAlgName();
            this.documentSignerTbs = documentSigner.getTBSCertificate();
            this.documentSignerSignature = documentSigner.getSignature();
            this.cscaKey = csca.getPublicKey();

            this.crlAlgorithm = crl.getSigAlgName();
            this.crlTbs = crl.getTBSCertList();
            this.crlSignature = crl.getSignature();

            this.activeAuth = activeAuth;
            byte[] spki = ASN1TaggedObject.getInstance(ASN1Primitive.fromByteArray(dg15), BERTags.APPLICATION,
                    DG15_TAG_NUMBER).getBaseUniversal(true, BERTags.SEQUENCE).getEncoded();
            switch (activeAuth) {
                case EC_P256_PLAIN, EC_P256_DER -> {
                    this.activeAuthKey = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
                    this.activeAuthRsaKey = null;
                }
                case RSA_SHA256 -> {
                    this.activeAuthKey = null;
                    this.activeAuthRsaKey = (RSAKeyParameters) PublicKeyFactory.createKey(
                            SubjectPublicKeyInfo.getInstance(spki));
                }
                default -> throw new IllegalArgumentException("no raw Active Authentication check for " + activeAuth);
            }
        } catch (IOException | CMSException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot decode the chip's files", e);
        }
    }

    /** EF.SOD's CMS signature: the Document Signer's ECDSA over the DER of the signed attributes. */
    boolean sod() {
        return verify(sodAlgorithm, documentSignerKey, sodSignedAttributes, sodSignature);
    }

    /** The Document Signer certificate's signature by the CSCA. */
    boolean documentSigner() {
        return verify(documentSignerAlgorithm, cscaKey, documentSignerTbs, documentSignerSignature);
    }

    /** The CSCA CRL's signature by the CSCA. */
    boolean crl() {
        return verify(crlAlgorithm, cscaKey, crlTbs, crlSignature);
    }

    /** The chip's INTERNAL AUTHENTICATE answer to {@code challenge}, with DG15's key. */
    boolean activeAuthentication(byte[] challenge, byte[] answer) {
        return switch (activeAuth) {
            case EC_P256_PLAIN -> verify("SHA256withECDSAinP1363Format", activeAuthKey, challenge, answer);
            case EC_P256_DER -> verify("SHA256withECDSA", activeAuthKey, challenge, answer);
            default -> iso9796(challenge, answer);
        };
    }

    /** ISO/IEC 9796-2 scheme 1, SHA-256, explicit trailer: one RSA public operation recovers M1, then the hash. */
    private boolean iso9796(byte[] challenge, byte[] answer) {
        try {
            ISO9796d2Signer signer = new ISO9796d2Signer(new RSAEngine(), new SHA256Digest(), false);
            signer.init(false, activeAuthRsaKey);
            signer.updateWithRecoveredMessage(answer);
            signer.update(challenge, 0, challenge.length);
            return signer.verifySignature(answer);
        } catch (org.bouncycastle.crypto.InvalidCipherTextException e) {
            return false;
        }
    }

    private static boolean verify(String algorithm, PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature verifier = SignatureProviders.verifier(algorithm, key);
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
