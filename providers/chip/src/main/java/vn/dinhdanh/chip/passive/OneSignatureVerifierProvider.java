package vn.dinhdanh.chip.passive;

import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jcajce.io.OutputStreamFactory;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.RuntimeOperatorException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import vn.dinhdanh.chip.crypto.SignatureProviders;

/**
 * Verifies a CMS signer's signature with exactly one JCA {@link Signature} for the algorithms CCCD Document
 * Signers use (ECDSA and RSA PKCS#1 v1.5 with SHA-2). BouncyCastle's {@link JcaContentVerifierProviderBuilder}
 * checks every signature twice (a second, "raw" verification it ignores, kept for PKCS#11 sessions): half of
 * passive authentication's cost for nothing (docs/benchmarks.md). Any other algorithm (RSASSA-PSS) goes to
 * BouncyCastle's builder unchanged. The JCA provider is the one {@link SignatureProviders} picks for the key:
 * the JDK for RSA and the NIST curves, BouncyCastle for Brainpool and every other curve.
 */
final class OneSignatureVerifierProvider implements ContentVerifierProvider {

    private static final Map<ASN1ObjectIdentifier, String> JCA_NAMES = Map.of(
            X9ObjectIdentifiers.ecdsa_with_SHA224, "SHA224withECDSA",
            X9ObjectIdentifiers.ecdsa_with_SHA256, "SHA256withECDSA",
            X9ObjectIdentifiers.ecdsa_with_SHA384, "SHA384withECDSA",
            X9ObjectIdentifiers.ecdsa_with_SHA512, "SHA512withECDSA",
            PKCSObjectIdentifiers.sha224WithRSAEncryption, "SHA224withRSA",
            PKCSObjectIdentifiers.sha256WithRSAEncryption, "SHA256withRSA",
            PKCSObjectIdentifiers.sha384WithRSAEncryption, "SHA384withRSA",
            PKCSObjectIdentifiers.sha512WithRSAEncryption, "SHA512withRSA");

    private final PublicKey key;

    OneSignatureVerifierProvider(PublicKey key) {
        this.key = key;
    }

    @Override
    public boolean hasAssociatedCertificate() {
        return false;
    }

    @Override
    public X509CertificateHolder getAssociatedCertificate() {
        return null;
    }

    @Override
    public ContentVerifier get(AlgorithmIdentifier algorithm) throws OperatorCreationException {
        String name = JCA_NAMES.get(algorithm.getAlgorithm());
        if (name == null) {
            JcaContentVerifierProviderBuilder builder = new JcaContentVerifierProviderBuilder();
            if (SignatureProviders.forKey(key) != null) {
                builder.setProvider(SignatureProviders.forKey(key));
            }
            return builder.build(key).get(algorithm);
        }
        Signature signature;
        try {
            signature = SignatureProviders.verifier(name, key);
            signature.initVerify(key);
        } catch (GeneralSecurityException e) {
            throw new OperatorCreationException("cannot verify " + name + ": " + e.getMessage(), e);
        }
        OutputStream stream = OutputStreamFactory.createStream(signature);
        return new ContentVerifier() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return algorithm;
            }

            @Override
            public OutputStream getOutputStream() {
                return stream;
            }

            @Override
            public boolean verify(byte[] expected) {
                try {
                    return signature.verify(expected);
                } catch (SignatureException e) {
                    throw new RuntimeOperatorException("signature cannot be checked: " + e.getMessage(), e);
                }
            }
        };
    }
}
