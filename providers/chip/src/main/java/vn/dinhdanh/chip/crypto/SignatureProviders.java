package vn.dinhdanh.chip.crypto;

import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Which JCA provider verifies a signature by a given key. Every EC key goes to BouncyCastle, which Keycloak
 * ships and registers: on Java 17 its P-256 ECDSA verification takes about a fifth of the JDK's (SunEC's)
 * time (docs/benchmarks.md), and it covers every curve, where SunEC implements P-256, P-384 and P-521 only,
 * yet accepts a key on any other curve at {@code initVerify} and throws "Curve not supported" at
 * {@code verify} (a Brainpool card, RFC 5639, allowed by ICAO 9303 part 11, would be refused as forged).
 * RSA keys stay with the JDK, as fast as BouncyCastle for a public-key operation.
 */
public final class SignatureProviders {

    /** The name Keycloak registers BouncyCastle under (outside FIPS mode, the only mode dinhdanh runs in). */
    public static final String BOUNCY_CASTLE = BouncyCastleProvider.PROVIDER_NAME;

    private static final Set<ASN1ObjectIdentifier> JDK_CURVES = Set.of(
            SECObjectIdentifiers.secp256r1, SECObjectIdentifiers.secp384r1, SECObjectIdentifiers.secp521r1);

    private SignatureProviders() {
    }

    /**
     * BouncyCastle as registered in this JVM; registered here when absent (tests, tools). In Keycloak it is
     * always present, so this never changes the server's provider list.
     */
    public static Provider bouncyCastle() {
        Provider provider = Security.getProvider(BOUNCY_CASTLE);
        return provider != null ? provider : registerBouncyCastle();
    }

    private static synchronized Provider registerBouncyCastle() {
        Provider provider = Security.getProvider(BOUNCY_CASTLE);
        if (provider == null) {
            provider = new BouncyCastleProvider();
            Security.addProvider(provider);
        }
        return provider;
    }

    /**
     * True when the JDK's own provider can verify with {@code key}: RSA, or EC on P-256/384/521 by name. The
     * JDK's PKIX validation uses it for certificate signatures, which it verifies once per certificate.
     */
    public static boolean jdkCan(PublicKey key) {
        if (!(key instanceof ECPublicKey)) {
            return true;
        }
        try {
            SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(key.getEncoded()));
            return info.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier
                    && JDK_CURVES.contains((ASN1ObjectIdentifier) info.getAlgorithm().getParameters());
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /** The provider to verify {@code key}'s signatures with, or null for the JDK's default choice (RSA). */
    public static Provider forKey(PublicKey key) {
        return key instanceof ECPublicKey ? bouncyCastle() : null;
    }

    /**
     * A {@link Signature} for {@code jdkAlgorithm} that can verify with {@code key}. BouncyCastle spells the
     * JDK's {@code ...withECDSAinP1363Format} (plain r ‖ s, BSI TR-03111) {@code ...withPLAIN-ECDSA}.
     */
    public static Signature verifier(String jdkAlgorithm, PublicKey key) throws NoSuchAlgorithmException {
        Provider provider = forKey(key);
        if (provider == null) {
            return Signature.getInstance(jdkAlgorithm);
        }
        return Signature.getInstance(jdkAlgorithm.replace("withECDSAinP1363Format", "withPLAIN-ECDSA"), provider);
    }
}
