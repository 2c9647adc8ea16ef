package vn.dinhdanh.chip;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dinhdanh.chip.Fixtures.CHALLENGE;
import static vn.dinhdanh.chip.Fixtures.CLOCK;

import java.security.Signature;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.dinhdanh.chip.active.ActiveAuthentication;
import vn.dinhdanh.chip.consistency.DocumentStatus;
import vn.dinhdanh.chip.crypto.SignatureProviders;
import vn.dinhdanh.chip.trust.TrustStore;
import vn.dinhdanh.chip.verdict.CheckName;
import vn.dinhdanh.chip.verdict.ChipFailure;
import vn.dinhdanh.chip.verdict.Verdict;
import vn.dinhdanh.virtualchip.ActiveAuthKey;
import vn.dinhdanh.virtualchip.CardHolder;
import vn.dinhdanh.virtualchip.Curve;
import vn.dinhdanh.virtualchip.TestPki;
import vn.dinhdanh.virtualchip.Variant;
import vn.dinhdanh.virtualchip.VirtualChip;

/**
 * Cards whose whole PKI (CSCA, Document Signer, CRL) and Active Authentication key are on a Brainpool curve
 * (RFC 5639) or NIST P-256: the SOD signature, the Document Signer path and AA all verify, and each still
 * refuses what it must. The JDK alone fails all three on Brainpool ("Curve not supported").
 */
@DisplayName("Brainpool and NIST curves at every signature check")
class BrainpoolTest {

    private static VirtualChip chip(TestPki pki, Variant variant) {
        return VirtualChip.builder(pki, CardHolder.sample()).variant(variant)
                .activeAuth(ActiveAuthKey.sameCurve(pki.curve())).build();
    }

    private static Verdict verify(TestPki pki, VirtualChip chip) {
        ChipVerifier verifier = new ChipVerifier(TrustStore.of(List.of(pki.csca()), List.of(pki.crl())),
                (card, ds) -> DocumentStatus.Status.VALID, CLOCK, ChipPolicy.DEFAULT);
        return verifier.verify(Fixtures.presentation(chip), CHALLENGE, Optional.of(Fixtures.samplePerson()));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Curve.class)
    @DisplayName("a genuine card passes every check, chip authenticated")
    void genuine(Curve curve) {
        TestPki pki = TestPki.generate(5639, curve);
        Verdict verdict = verify(pki, chip(pki, Variant.GENUINE));
        assertThat(verdict.failure()).isEmpty();
        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.chipAuthenticated()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Curve.class, names = "BRAINPOOL_.*", mode = EnumSource.Mode.MATCH_ANY)
    @DisplayName("and refuses a corrupted SOD signature, a revoked Document Signer, an impostor CSCA, a cloned chip")
    void refusals(Curve curve) {
        TestPki pki = TestPki.generate(5639, curve);
        assertThat(verify(pki, chip(pki, Variant.SOD_SIGNATURE_CORRUPTED)).check(CheckName.SOD_SIGNATURE))
                .hasValueSatisfying(c -> assertThat(c.failure()).isEqualTo(ChipFailure.SOD_SIGNATURE_INVALID));
        assertThat(verify(pki, chip(pki, Variant.DS_REVOKED)).failure()).contains(ChipFailure.DS_REVOKED);
        assertThat(verify(pki, chip(pki, Variant.UNKNOWN_CSCA)).failure()).contains(ChipFailure.DS_NOT_TRUSTED);
        assertThat(verify(pki, chip(pki, Variant.WRONG_AA_KEY)).failure()).contains(ChipFailure.AA_FAILED);
    }

    @Test
    @DisplayName("a P-256 CSCA does not vouch for a Brainpool Document Signer, nor the other way round")
    void curvesDoNotMix() {
        TestPki nist = TestPki.generate(5639, Curve.P256);
        TestPki brainpool = TestPki.generate(5639, Curve.BRAINPOOL_P256R1);
        assertThat(verify(nist, chip(brainpool, Variant.GENUINE)).failure()).contains(ChipFailure.DS_NOT_TRUSTED);
        assertThat(verify(brainpool, chip(nist, Variant.GENUINE)).failure()).contains(ChipFailure.DS_NOT_TRUSTED);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ActiveAuthKey.class, names = "EC_BRAINPOOL_.*", mode = EnumSource.Mode.MATCH_ANY)
    @DisplayName("Active Authentication: plain r‖s and DER answers verify, another challenge does not")
    void activeAuthentication(ActiveAuthKey aa) throws Exception {
        VirtualChip chip = VirtualChip.builder(Fixtures.PKI, CardHolder.sample()).activeAuth(aa).build();
        var key = chip.activeAuthPublicKey().orElseThrow();
        byte[] plain = chip.signChallenge(CHALLENGE);
        assertThat(ActiveAuthentication.verify(key, Optional.empty(), CHALLENGE, plain)).isTrue();
        byte[] other = CHALLENGE.clone();
        other[0] ^= 1;
        assertThat(ActiveAuthentication.verify(key, Optional.empty(), other, plain)).isFalse();
        // The same (r, s) DER-encoded, as some cards answer.
        int half = plain.length / 2;
        byte[] der = new org.bouncycastle.asn1.DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                new org.bouncycastle.asn1.ASN1Integer(new java.math.BigInteger(1, java.util.Arrays.copyOfRange(plain, 0, half))),
                new org.bouncycastle.asn1.ASN1Integer(new java.math.BigInteger(1, java.util.Arrays.copyOfRange(plain, half, plain.length)))
        }).getEncoded();
        assertThat(ActiveAuthentication.verify(key, Optional.empty(), CHALLENGE, der)).isTrue();
    }

    @Test
    @DisplayName("the JDK's own provider cannot verify Brainpool; BouncyCastle verifies every EC key, the JDK RSA keys")
    void whyBouncyCastle() throws Exception {
        TestPki brainpool = TestPki.generate(5639, Curve.BRAINPOOL_P256R1);
        var key = brainpool.csca().getPublicKey();
        assertThat(SignatureProviders.jdkCan(key)).isFalse();
        assertThat(SignatureProviders.jdkCan(Fixtures.PKI.csca().getPublicKey())).isTrue();
        boolean jdkVerified;
        try {
            Signature jdk = Signature.getInstance("SHA256withECDSA", "SunEC");
            jdk.initVerify(key);
            jdk.update(new byte[] {1});
            jdkVerified = jdk.verify(new byte[64]);
        } catch (Exception e) {
            jdkVerified = false;
        }
        assertThat(jdkVerified).isFalse();
        assertThat(SignatureProviders.verifier("SHA256withECDSA", key).getProvider().getName()).isEqualTo("BC");
        var nist = Fixtures.PKI.csca().getPublicKey();
        assertThat(SignatureProviders.verifier("SHA256withECDSA", nist).getProvider().getName()).isEqualTo("BC");
        var rsa = java.security.KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic();
        assertThat(SignatureProviders.forKey(rsa)).isNull();
    }
}
