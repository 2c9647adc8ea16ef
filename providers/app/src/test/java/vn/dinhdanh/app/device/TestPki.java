package vn.dinhdanh.app.device;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificate chains made up for the tests: test roots, intermediates and attestation certificates (P-256). */
final class TestPki {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Duration YEAR = Duration.ofDays(365);

    private static final AtomicLong SERIAL = new AtomicLong(1000);

    /** A certificate and the key pair of its subject. */
    record Issued(X509Certificate certificate, KeyPair keys) {
    }

    private TestPki() {
    }

    static KeyPair p256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed CA valid a year back and ten ahead. */
    static Issued root(String name) {
        KeyPair keys = p256();
        return new Issued(selfSigned(new X500Name(name), keys, NOW.minus(YEAR), NOW.plus(YEAR.multipliedBy(10))), keys);
    }

    /** Another self-signed certificate of the same name and key, valid from {@code from} to {@code to}. */
    static X509Certificate reissue(Issued root, Instant from, Instant to) {
        return selfSigned(X500Name.getInstance(root.certificate().getSubjectX500Principal().getEncoded()), root.keys(), from, to);
    }

    static Issued ca(Issued issuer, String name) {
        return ca(issuer, name, NOW.minus(YEAR), NOW.plus(YEAR));
    }

    static Issued ca(Issued issuer, String name, Instant from, Instant to) {
        KeyPair keys = p256();
        return new Issued(certificate(issuer, name, keys.getPublic(), true, from, to), keys);
    }

    /** An end-entity certificate of {@code key} (not a CA), with the extensions given. */
    static X509Certificate leaf(Issued issuer, String name, PublicKey key, Extension... extensions) {
        return certificate(issuer, name, key, false, NOW.minus(YEAR), NOW.plus(YEAR), extensions);
    }

    static X509Certificate leaf(Issued issuer, String name, PublicKey key, Instant from, Instant to, Extension... extensions) {
        return certificate(issuer, name, key, false, from, to, extensions);
    }

    /**
     * Android's key description (KeyDescription, schema of attestation version 200) of a key made in the TEE for
     * signing, with {@code clientDataHash} as challenge and the security level given for both levels.
     */
    static Extension keyDescription(byte[] clientDataHash, int securityLevel) {
        ASN1EncodableVector hardware = new ASN1EncodableVector();
        hardware.add(new DERTaggedObject(true, 1, new DERSet(new ASN1Integer(2))));   // purpose: sign
        hardware.add(new DERTaggedObject(true, 702, new ASN1Integer(0)));             // origin: generated
        ASN1Encodable[] description = {
                new ASN1Integer(200), new ASN1Enumerated(securityLevel), new ASN1Integer(200), new ASN1Enumerated(securityLevel),
                new DEROctetString(clientDataHash), new DEROctetString(new byte[0]), new DERSequence(), new DERSequence(hardware)};
        try {
            return new Extension(new ASN1ObjectIdentifier(AndroidKeyChain.KEY_DESCRIPTION_OID), false,
                    new DEROctetString(new DERSequence(description).getEncoded()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate selfSigned(X500Name name, KeyPair keys, Instant from, Instant to) {
        return sign(builder(name, name, keys.getPublic(), true, from, to), keys);
    }

    private static X509Certificate certificate(Issued issuer, String name, PublicKey key, boolean ca, Instant from, Instant to,
                                               Extension... extensions) {
        X509v3CertificateBuilder builder = builder(X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()),
                new X500Name(name), key, ca, from, to);
        try {
            for (Extension extension : extensions) {
                builder.addExtension(extension);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return sign(builder, issuer.keys());
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key, boolean ca, Instant from, Instant to) {
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(from), Date.from(to), subject, key);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return builder;
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer) {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }
}
