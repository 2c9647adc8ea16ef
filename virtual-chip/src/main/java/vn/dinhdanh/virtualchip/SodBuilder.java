package vn.dinhdanh.virtualchip;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.icao.DataGroupHash;
import org.bouncycastle.asn1.icao.LDSSecurityObject;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * EF.SOD (ICAO 9303 part 10, 4.6.2): {@code 77} { ContentInfo { SignedData { LDSSecurityObject } } }, one
 * signer, built with BouncyCastle's CMS so that every curve (Brainpool too) and every defect a negative test
 * needs (no signed attributes, a data group listed twice, SHA-1) can be made with real signatures.
 */
final class SodBuilder {

    static final String LDS_SECURITY_OBJECT_OID = "2.23.136.1.1.1";
    private static final int SOD_TAG = 23;

    private final List<DataGroupHash> hashes = new ArrayList<>();
    private final String digestAlgorithm;
    private boolean signedAttributes = true;
    private boolean corruptSignature;

    /** @param digestAlgorithm JCA name of the data groups' hash: SHA-256 (and the other SHA-2), SHA-1 for old documents */
    SodBuilder(String digestAlgorithm) {
        this.digestAlgorithm = digestAlgorithm;
    }

    /** Lists the data group with the hash of {@code bytes}; called twice for one number, it is listed twice. */
    SodBuilder list(int number, byte[] bytes) {
        try {
            hashes.add(new DataGroupHash(number,
                    new org.bouncycastle.asn1.DEROctetString(MessageDigest.getInstance(digestAlgorithm).digest(bytes))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    SodBuilder listAll(Map<Integer, byte[]> groups) {
        groups.forEach(this::list);
        return this;
    }

    /** Signature directly over the content, with no signed attributes (what RFC 5652 forbids for a SOD). */
    SodBuilder withoutSignedAttributes() {
        signedAttributes = false;
        return this;
    }

    /** The last byte of the signature flipped: for ECDSA the last byte of s, so the DER stays well-formed. */
    SodBuilder corruptSignature() {
        corruptSignature = true;
        return this;
    }

    byte[] sign(TestPki.Issued signer, ContentSigner contentSigner) {
        try {
            LDSSecurityObject object = new LDSSecurityObject(digestIdentifier(), hashes.toArray(new DataGroupHash[0]));
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .setDirectSignature(!signedAttributes)
                    .build(corruptSignature ? corrupted(contentSigner) : contentSigner, signer.certificate()));
            generator.addCertificate(new JcaX509CertificateHolder(signer.certificate()));
            CMSProcessableByteArray content = new CMSProcessableByteArray(
                    new ASN1ObjectIdentifier(LDS_SECURITY_OBJECT_OID), object.getEncoded(ASN1Encoding.DER));
            return new DERTaggedObject(true, BERTags.APPLICATION, SOD_TAG,
                    generator.generate(content, true).toASN1Structure()).getEncoded(ASN1Encoding.DER);
        } catch (GeneralSecurityException | OperatorCreationException | CMSException | IOException e) {
            throw new IllegalStateException("cannot sign the SOD", e);
        }
    }

    private AlgorithmIdentifier digestIdentifier() {
        return switch (digestAlgorithm) {
            case "SHA-1" -> new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1, DERNull.INSTANCE);
            case "SHA-256" -> new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);
            case "SHA-384" -> new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha384);
            case "SHA-512" -> new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha512);
            default -> throw new IllegalArgumentException("no SOD digest " + digestAlgorithm);
        };
    }

    private static ContentSigner corrupted(ContentSigner signer) {
        return new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return signer.getAlgorithmIdentifier();
            }

            @Override
            public OutputStream getOutputStream() {
                return signer.getOutputStream();
            }

            @Override
            public byte[] getSignature() {
                byte[] signature = signer.getSignature();
                signature[signature.length - 1] ^= 0x01;
                return signature;
            }
        };
    }
}
