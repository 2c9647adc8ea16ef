package vn.dinhdanh.virtualchip;

/**
 * The elliptic curves a test PKI or an Active Authentication key can be on: NIST P-256 (the default) and
 * the Brainpool curves of RFC 5639, which ICAO 9303 part 11 allows and several states issue. Each with
 * the SHA-2 digest of its size, as issuers pair them.
 */
public enum Curve {
    P256("secp256r1", "SHA256"),
    BRAINPOOL_P256R1("brainpoolP256r1", "SHA256"),
    BRAINPOOL_P384R1("brainpoolP384r1", "SHA384"),
    BRAINPOOL_P512R1("brainpoolP512r1", "SHA512");

    private final String jcaName;
    private final String digest;

    Curve(String jcaName, String digest) {
        this.jcaName = jcaName;
        this.digest = digest;
    }

    /** The curve's standard name (SEC 2, RFC 5639). */
    public String jcaName() {
        return jcaName;
    }

    /** The JCA signature algorithm a signer on this curve uses, e.g. SHA384withECDSA. */
    public String signatureAlgorithm() {
        return digest + "withECDSA";
    }

    /** The JCA name of the digest, e.g. SHA-384. */
    public String digestAlgorithm() {
        return digest.replace("SHA", "SHA-");
    }

    /** The JDK (Java 16+) implements P-256/384/521 only: every other curve is generated and used with BouncyCastle. */
    boolean jdk() {
        return this == P256;
    }
}
