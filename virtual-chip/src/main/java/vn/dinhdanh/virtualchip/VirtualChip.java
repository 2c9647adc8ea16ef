package vn.dinhdanh.virtualchip;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jmrtd.lds.ActiveAuthenticationInfo;

/**
 * A CCCD chip as a reader sees it after BAC/PACE: the data groups, EF.SOD signed by a Document Signer
 * of a {@link TestPki}, and INTERNAL AUTHENTICATE ({@link #signChallenge}). Real ICAO 9303 encodings
 * (JMRTD, BouncyCastle), real keys, real signatures; a {@link Variant} adds one defect for negative tests.
 *
 * <p>Deterministic for a seed: keys, data groups and AA answers. The SOD is not (its signing time); it
 * verifies the same. The Document Signer's curve is the PKI's ({@link TestPki#curve()}).
 */
public final class VirtualChip {

    public static final String SOD_DIGEST_ALGORITHM = "SHA-256";

    private final CardHolder holder;
    private final Variant variant;
    private final ActiveAuthKey aaKey;
    private final Map<Integer, byte[]> dataGroups;
    private final byte[] sod;
    private final X509Certificate documentSigner;
    private final TestPki pki;
    private final KeyPair aaKeys;
    private final PrivateKey answeringKey;
    private final SecureRandom random;

    private VirtualChip(Builder b) {
        this.variant = b.variant;
        this.pki = b.pki;
        this.aaKey = b.aaKey;
        this.holder = variant == Variant.EXPIRED
                ? b.holder.withCardDates(LocalDate.of(2009, 12, 31), LocalDate.of(2024, 12, 31))
                : b.holder;
        this.random = Seeded.random(b.seed, "chip");
        this.aaKeys = aaKey == ActiveAuthKey.NONE ? null : aaKey.generate(b.seed, "aa/" + aaKey);
        this.answeringKey = variant == Variant.WRONG_AA_KEY
                ? aaKey.generate(b.seed, "aa-clone/" + aaKey).getPrivate()
                : aaKeys == null ? null : aaKeys.getPrivate();

        Map<Integer, byte[]> signed = new TreeMap<>();
        CardHolder dg1Holder = holder;
        if (variant == Variant.DOCUMENT_NUMBER_MISMATCH) {
            String other = holder.idNumber().substring(0, 11) + (char) ('0' + (holder.idNumber().charAt(11) - '0' + 1) % 10);
            dg1Holder = new CardHolder(other, holder.fullName(), holder.dateOfBirth(), holder.sex(),
                    holder.nationality(), holder.ethnicity(), holder.religion(), holder.placeOfOrigin(),
                    holder.placeOfResidence(), holder.cardIssueDate(), holder.cardExpiryDate());
        }
        signed.put(1, variant == Variant.FOREIGN_DOCUMENT ? DataGroups.dg1(dg1Holder, "UTO") : DataGroups.dg1(dg1Holder));
        signed.put(2, DataGroups.dg2(holder, b.seed));
        signed.put(13, DataGroups.dg13(holder));
        aaKey.dg14SignatureAlgorithm().ifPresent(oid -> signed.put(14, DataGroups.dg14(oid)));
        if (aaKeys != null) {
            signed.put(15, DataGroups.dg15(aaKeys.getPublic()));
        }

        TestPki.Issued signer = switch (variant) {
            case UNKNOWN_CSCA -> b.pki.impostor().documentSigner();
            case DS_REVOKED -> b.pki.revokedDocumentSigner();
            default -> b.pki.documentSigner();
        };
        this.documentSigner = signer.certificate();
        this.sod = sign(signed, signer, b.seed);

        Map<Integer, byte[]> presented = new TreeMap<>(signed);
        switch (variant) {
            case TAMPERED_DG1 -> presented.put(1, DataGroups.dg1(holder.withDateOfBirth(holder.dateOfBirth().plusDays(1))));
            case TAMPERED_DG13 -> presented.put(13, DataGroups.dg13(holder.withFullName(holder.fullName() + " Minh")));
            case UNLISTED_DATA_GROUP -> presented.putIfAbsent(14, DataGroups.dg14(
                    ActiveAuthenticationInfo.ECDSA_PLAIN_SHA256_OID));
            case MISSING_DG1 -> presented.remove(1);
            default -> {
            }
        }
        this.dataGroups = Collections.unmodifiableMap(presented);
    }

    public static Builder builder(TestPki pki, CardHolder holder) {
        return new Builder(pki, holder);
    }

    /** A genuine chip with an RSA (SHA-1) AA key for {@link CardHolder#sample()}. */
    public static VirtualChip sample(TestPki pki) {
        return builder(pki, CardHolder.sample()).build();
    }

    public CardHolder holder() {
        return holder;
    }

    public Variant variant() {
        return variant;
    }

    public ActiveAuthKey activeAuthKey() {
        return aaKey;
    }

    /** EF.SOD as read from the chip (tag {@code 77}). */
    public byte[] sod() {
        return sod.clone();
    }

    /** The data groups a reader presents, by number, each as read (outer tag included). */
    public Map<Integer, byte[]> dataGroups() {
        Map<Integer, byte[]> copy = new TreeMap<>();
        dataGroups.forEach((number, bytes) -> copy.put(number, bytes.clone()));
        return copy;
    }

    /** One data group as read, or null when the chip has (or presents) none. */
    public byte[] dataGroup(int number) {
        byte[] bytes = dataGroups.get(number);
        return bytes == null ? null : bytes.clone();
    }

    public X509Certificate documentSigner() {
        return documentSigner;
    }

    public Optional<PublicKey> activeAuthPublicKey() {
        return Optional.ofNullable(aaKeys).map(KeyPair::getPublic);
    }

    /**
     * The chip's answer to INTERNAL AUTHENTICATE with {@code challenge} (8 bytes from the terminal).
     *
     * @throws UnsupportedOperationException for a chip without AA, as a real one answers "instruction not supported"
     */
    public byte[] signChallenge(byte[] challenge) {
        Objects.requireNonNull(challenge, "challenge");
        if (answeringKey == null) {
            throw new UnsupportedOperationException("this chip has no Active Authentication key");
        }
        synchronized (random) {
            return aaKey.sign(answeringKey, challenge, random);
        }
    }

    private byte[] sign(Map<Integer, byte[]> signed, TestPki.Issued signer, long seed) {
        boolean sha1 = variant == Variant.SOD_SHA1;
        SodBuilder sod = new SodBuilder(sha1 ? "SHA-1" : pki.curve().digestAlgorithm());
        if (variant == Variant.SOD_DUPLICATE_DATA_GROUP) {
            // DG1 listed twice: first for another DG1, then for the presented one ("last one wins" would pass it).
            sod.list(1, DataGroups.dg1(holder.withDateOfBirth(holder.dateOfBirth().plusDays(1))));
        }
        for (Map.Entry<Integer, byte[]> group : signed.entrySet()) {
            if (variant == Variant.UNLISTED_DATA_GROUP && group.getKey() == 14) {
                continue; // presented all the same (see the constructor)
            }
            sod.list(group.getKey(), group.getValue());
        }
        if (variant == Variant.SOD_WITHOUT_SIGNED_ATTRIBUTES) {
            sod.withoutSignedAttributes();
        }
        if (variant == Variant.SOD_SIGNATURE_CORRUPTED) {
            sod.corruptSignature();
        }
        String algorithm = sha1 ? "SHA1withECDSA" : pki.curve().signatureAlgorithm();
        return sod.sign(signer, pki.signer(signer.privateKey(), algorithm, "sod/" + seed + "/" + holder.idNumber()));
    }

    /** How to build a chip: the PKI and holder are required, the rest defaults to a genuine RSA-AA card. */
    public static final class Builder {
        private final TestPki pki;
        private final CardHolder holder;
        private ActiveAuthKey aaKey = ActiveAuthKey.RSA_SHA1;
        private Variant variant = Variant.GENUINE;
        private long seed = 1;

        private Builder(TestPki pki, CardHolder holder) {
            this.pki = Objects.requireNonNull(pki, "pki");
            this.holder = Objects.requireNonNull(holder, "holder");
        }

        public Builder activeAuth(ActiveAuthKey key) {
            this.aaKey = Objects.requireNonNull(key, "key");
            return this;
        }

        public Builder variant(Variant v) {
            this.variant = Objects.requireNonNull(v, "variant");
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public VirtualChip build() {
            if (variant == Variant.WRONG_AA_KEY && aaKey == ActiveAuthKey.NONE) {
                throw new IllegalArgumentException("WRONG_AA_KEY needs a chip with an AA key");
            }
            return new VirtualChip(this);
        }
    }
}
