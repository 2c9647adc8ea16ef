package vn.dinhdanh.bench.chip;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider's ECDSA verifications, counted by algorithm. Put ahead of SunEC ({@link #ofJdk()}), it sees
 * every ECDSA verification made through the JCA without naming a provider; registered under BouncyCastle's
 * name in its place ({@link #ofBouncyCastle}), every one asked of BouncyCastle by name. {@code NONEwithECDSA}
 * is the raw form (over a digest given) that BouncyCastle's CMS code also initialises.
 */
final class CountingEcdsaProvider extends Provider {

    private static final long serialVersionUID = 1L;

    private final transient Map<String, AtomicInteger> verifications = new ConcurrentHashMap<>();

    /** Counts the JDK's ECDSA verifications (SunEC's names); insert at position 1. */
    static CountingEcdsaProvider ofJdk() {
        return new CountingEcdsaProvider("CountingEcdsa", Security.getProvider("SunEC"),
                List.of("SHA256withECDSA", "SHA256withECDSAinP1363Format", "NONEwithECDSA"));
    }

    /** Counts BouncyCastle's ECDSA verifications (its names); register in place of {@code bouncyCastle}, under its name. */
    static CountingEcdsaProvider ofBouncyCastle(Provider bouncyCastle) {
        return new CountingEcdsaProvider(bouncyCastle.getName(), bouncyCastle,
                List.of("SHA256withECDSA", "SHA256withPLAIN-ECDSA", "NONEwithECDSA"));
    }

    private final transient Provider delegateProvider;

    private CountingEcdsaProvider(String name, Provider delegateProvider, List<String> algorithms) {
        super(name, "1", "counts ECDSA verifications");
        this.delegateProvider = delegateProvider;
        for (String algorithm : algorithms) {
            AtomicInteger count = new AtomicInteger();
            verifications.put(algorithm, count);
            List<String> aliases = algorithm.equals("SHA256withECDSA")
                    ? List.of("1.2.840.10045.4.3.2", "OID.1.2.840.10045.4.3.2") : List.of();
            putService(new Service(this, "Signature", algorithm, Counting.class.getName(), aliases, null) {
                @Override
                public Object newInstance(Object parameter) {
                    return new Counting(algorithm, delegateProvider, count);
                }
            });
        }
    }

    /** Verifications so far with {@code algorithm}, one of the names this provider counts. */
    int verifications(String algorithm) {
        return verifications.get(algorithm).get();
    }

    /** Verifications so far, all algorithms. */
    int verifications() {
        return verifications.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private static final class Counting extends SignatureSpi {
        private final String algorithm;
        private final Provider provider;
        private final AtomicInteger verifications;
        private Signature delegate;

        Counting(String algorithm, Provider provider, AtomicInteger verifications) {
            this.algorithm = algorithm;
            this.provider = provider;
            this.verifications = verifications;
        }

        @Override
        protected void engineInitVerify(PublicKey key) throws InvalidKeyException {
            try {
                delegate = Signature.getInstance(algorithm, provider);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            delegate.initVerify(key);
        }

        @Override
        protected void engineInitSign(PrivateKey key) throws InvalidKeyException {
            throw new InvalidKeyException("verification only");
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            delegate.update(b);
        }

        @Override
        protected void engineUpdate(byte[] bytes, int offset, int length) throws SignatureException {
            delegate.update(bytes, offset, length);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            throw new SignatureException("verification only");
        }

        @Override
        protected boolean engineVerify(byte[] signature) throws SignatureException {
            verifications.incrementAndGet();
            return delegate.verify(signature);
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String parameter, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String parameter) {
            throw new UnsupportedOperationException();
        }
    }
}
