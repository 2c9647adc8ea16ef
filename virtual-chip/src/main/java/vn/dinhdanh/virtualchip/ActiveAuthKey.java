package vn.dinhdanh.virtualchip;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.util.Optional;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.signers.ISO9796d2Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.jmrtd.lds.ActiveAuthenticationInfo;

/**
 * The Active Authentication key a chip holds (DG15) and how it answers INTERNAL AUTHENTICATE
 * (ICAO 9303 part 11, 6.1): RSA with ISO/IEC 9796-2 scheme 1, or ECDSA.
 */
public enum ActiveAuthKey {
    /** No AA: no DG15, INTERNAL AUTHENTICATE not supported. */
    NONE,
    /** RSA 2048, ISO 9796-2 scheme 1, SHA-1 with the implicit trailer {@code 0xBC}: most RSA cards. */
    RSA_SHA1,
    /** RSA 2048, ISO 9796-2 scheme 1, SHA-256 with the explicit trailer {@code 0x34CC}. */
    RSA_SHA256,
    /** EC P-256, ECDSA with SHA-256, plain r‖s (BSI TR-03111); DG14 names ecdsa-plain-SHA256. */
    EC_P256_PLAIN,
    /** EC P-256, ECDSA with SHA-256, DER-encoded as some cards return it; no DG14, so the verifier picks the digest. */
    EC_P256_DER,
    /** EC brainpoolP256r1, ECDSA with SHA-256, plain r‖s; DG14 names ecdsa-plain-SHA256. */
    EC_BRAINPOOL_P256_PLAIN,
    /** EC brainpoolP384r1, ECDSA with SHA-384, plain r‖s; DG14 names ecdsa-plain-SHA384. */
    EC_BRAINPOOL_P384_PLAIN,
    /** EC brainpoolP512r1, ECDSA with SHA-512, plain r‖s; DG14 names ecdsa-plain-SHA512. */
    EC_BRAINPOOL_P512_PLAIN;

    /** The AA key a chip under a PKI on {@code curve} gets by default: one on the same curve (RSA for P-256 PKIs). */
    public static ActiveAuthKey sameCurve(Curve curve) {
        return switch (curve) {
            case P256 -> EC_P256_PLAIN;
            case BRAINPOOL_P256R1 -> EC_BRAINPOOL_P256_PLAIN;
            case BRAINPOOL_P384R1 -> EC_BRAINPOOL_P384_PLAIN;
            case BRAINPOOL_P512R1 -> EC_BRAINPOOL_P512_PLAIN;
        };
    }

    private Curve brainpool() {
        return switch (this) {
            case EC_BRAINPOOL_P256_PLAIN -> Curve.BRAINPOOL_P256R1;
            case EC_BRAINPOOL_P384_PLAIN -> Curve.BRAINPOOL_P384R1;
            case EC_BRAINPOOL_P512_PLAIN -> Curve.BRAINPOOL_P512R1;
            default -> null;
        };
    }

    KeyPair generate(long seed, String label) {
        switch (this) {
            case RSA_SHA1:
            case RSA_SHA256:
                return Seeded.rsa(2048, seed, label);
            case EC_P256_PLAIN:
            case EC_P256_DER:
                return Seeded.ecP256(seed, label);
            case EC_BRAINPOOL_P256_PLAIN:
            case EC_BRAINPOOL_P384_PLAIN:
            case EC_BRAINPOOL_P512_PLAIN:
                return Seeded.ec(brainpool(), seed, label);
            default:
                throw new IllegalStateException("no AA key");
        }
    }

    /** DG14's ActiveAuthenticationInfo signature algorithm, for the variants that carry one. */
    Optional<String> dg14SignatureAlgorithm() {
        return switch (this) {
            case EC_P256_PLAIN, EC_BRAINPOOL_P256_PLAIN -> Optional.of(ActiveAuthenticationInfo.ECDSA_PLAIN_SHA256_OID);
            case EC_BRAINPOOL_P384_PLAIN -> Optional.of(ActiveAuthenticationInfo.ECDSA_PLAIN_SHA384_OID);
            case EC_BRAINPOOL_P512_PLAIN -> Optional.of(ActiveAuthenticationInfo.ECDSA_PLAIN_SHA512_OID);
            default -> Optional.empty();
        };
    }

    /** What the chip returns to INTERNAL AUTHENTICATE with {@code challenge}. */
    byte[] sign(PrivateKey key, byte[] challenge, SecureRandom random) {
        try {
            switch (this) {
                case RSA_SHA1:
                    return iso9796(key, new SHA1Digest(), true, challenge, random);
                case RSA_SHA256:
                    return iso9796(key, new SHA256Digest(), false, challenge, random);
                case EC_P256_PLAIN:
                    return ecdsa("SHA256withECDSAinP1363Format", key, challenge, random);
                case EC_P256_DER:
                    return ecdsa("SHA256withECDSA", key, challenge, random);
                case EC_BRAINPOOL_P256_PLAIN:
                case EC_BRAINPOOL_P384_PLAIN:
                case EC_BRAINPOOL_P512_PLAIN:
                    // BouncyCastle's name for plain r‖s (the JDK's ...inP1363Format).
                    return ecdsa(brainpool().signatureAlgorithm().replace("withECDSA", "withPLAIN-ECDSA"), key,
                            challenge, random);
                default:
                    throw new IllegalStateException("no AA key");
            }
        } catch (GeneralSecurityException | IOException | CryptoException e) {
            throw new IllegalStateException("the chip could not sign", e);
        }
    }

    /**
     * ICAO's message M = M1 ‖ M2: M2 is the terminal's challenge, M1 chip randomness exactly as long as
     * the recoverable part, so the terminal recovers M1 from the signature and supplies M2 itself.
     */
    private static byte[] iso9796(PrivateKey key, Digest digest, boolean implicitTrailer, byte[] challenge,
                                  SecureRandom random) throws IOException, CryptoException {
        int keyBytes = (((RSAPrivateKey) key).getModulus().bitLength() + 7) / 8;
        byte[] m1 = new byte[keyBytes - digest.getDigestSize() - (implicitTrailer ? 2 : 3)];
        random.nextBytes(m1);
        ISO9796d2Signer signer = new ISO9796d2Signer(new RSABlindedEngine(), digest, implicitTrailer);
        signer.init(true, PrivateKeyFactory.createKey(key.getEncoded()));
        signer.update(m1, 0, m1.length);
        signer.update(challenge, 0, challenge.length);
        return signer.generateSignature();
    }

    private static byte[] ecdsa(String algorithm, PrivateKey key, byte[] challenge, SecureRandom random)
            throws GeneralSecurityException {
        Signature signature = Providers.forKey(key) == null ? Signature.getInstance(algorithm)
                : Signature.getInstance(algorithm, Providers.forKey(key));
        signature.initSign(key, random);
        signature.update(challenge);
        return signature.sign();
    }
}
