package vn.dinhdanh.virtualchip;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/**
 * Deterministic randomness for fixtures: the same seed and label give the same keys and bytes, so a
 * failing test can be rerun on the very same chip. Real keys all the same (full size, real
 * generators); only the entropy is fixed. Never use outside tests and the sandbox.
 */
final class Seeded {

    private Seeded() {
    }

    /** A SHA1PRNG seeded before its first use: deterministic for one seed and label. */
    static SecureRandom random(long seed, String label) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed((seed + "/" + label).getBytes(StandardCharsets.UTF_8));
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA1PRNG is part of every JDK", e);
        }
    }

    static KeyPair ecP256(long seed, String label) {
        return ec(Curve.P256, seed, label);
    }

    /** An EC key pair on {@code curve}: by the JDK for P-256, by BouncyCastle for the Brainpool curves. */
    static KeyPair ec(Curve curve, long seed, String label) {
        if (curve.jdk()) {
            return generate("EC", new ECGenParameterSpec(curve.jcaName()), seed, label);
        }
        try {
            // BouncyCastle's generator also draws all its entropy from the given random.
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Providers.bouncyCastle());
            generator.initialize(new ECGenParameterSpec(curve.jcaName()), random(seed, label));
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + curve + " key", e);
        }
    }

    static KeyPair rsa(int bits, long seed, String label) {
        return generate("RSA", new RSAKeyGenParameterSpec(bits, BigInteger.valueOf(65537)), seed, label);
    }

    private static KeyPair generate(String algorithm, AlgorithmParameterSpec spec, long seed, String label) {
        try {
            // The JDK's generators draw all their entropy from the given random: same seed, same key.
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(spec, random(seed, label));
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key", e);
        }
    }
}
