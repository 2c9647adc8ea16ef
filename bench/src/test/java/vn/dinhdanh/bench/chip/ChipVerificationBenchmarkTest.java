package vn.dinhdanh.bench.chip;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Provider;
import java.security.Security;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.annotations.Param;
import vn.dinhdanh.chip.crypto.SignatureProviders;
import vn.dinhdanh.chip.verdict.Verdict;
import vn.dinhdanh.virtualchip.ActiveAuthKey;
import vn.dinhdanh.virtualchip.CardHolder;
import vn.dinhdanh.virtualchip.TestPki;
import vn.dinhdanh.virtualchip.Variant;
import vn.dinhdanh.virtualchip.VirtualChip;

/** Each benchmark once, untimed: none of them may measure a failing path. */
class ChipVerificationBenchmarkTest {

    @Test
    void theTestsCoverEveryChipTheBenchmarkRuns() throws NoSuchFieldException {
        String[] chips = ChipVerificationBenchmark.class.getField("activeAuth").getAnnotation(Param.class).value();
        assertThat(chips).containsExactly("EC_P256_PLAIN", "RSA_SHA256");
    }

    @ParameterizedTest
    @ValueSource(strings = {"EC_P256_PLAIN", "RSA_SHA256"})
    void everyBenchmarkVerifiesAGenuineChip(String activeAuth) {
        ChipVerificationBenchmark benchmark = setUp(activeAuth);
        for (int i = 0; i <= ChipVerificationBenchmark.POOL; i++) {
            Verdict verdict = benchmark.fullVerification();
            assertThat(verdict.valid()).as("verdict %d: %s", i, verdict).isTrue();
            assertThat(verdict.chipAuthenticated()).isTrue();
        }
        assertThat(benchmark.rawSodSignature()).isTrue();
        assertThat(benchmark.rawDocumentSignerSignature()).isTrue();
        assertThat(benchmark.rawCrlSignature()).isTrue();
        for (int i = 0; i <= ChipVerificationBenchmark.POOL; i++) {
            assertThat(benchmark.rawActiveAuthSignature()).as("AA answer %d", i).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"EC_P256_PLAIN", "RSA_SHA256"})
    void theRawChecksRefuseWhatIsNotSigned(String activeAuth) {
        TestPki pki = TestPki.generate(ChipVerificationBenchmark.PKI_SEED);
        ActiveAuthKey key = ActiveAuthKey.valueOf(activeAuth);
        VirtualChip corrupted = VirtualChip.builder(pki, CardHolder.sample()).activeAuth(key)
                .variant(Variant.SOD_SIGNATURE_CORRUPTED).build();
        RawSignatures raw = new RawSignatures(corrupted.sod(), corrupted.dataGroup(15), key, pki.csca(), pki.crl());
        assertThat(raw.sod()).isFalse();
        byte[] challenge = {1, 2, 3, 4, 5, 6, 7, 8};
        byte[] answer = corrupted.signChallenge(challenge);
        assertThat(raw.activeAuthentication(challenge, answer)).isTrue();
        challenge[7] ^= 1;
        assertThat(raw.activeAuthentication(challenge, answer)).isFalse();

        // Certificate and CRL checked with another CSCA's key: refused.
        TestPki impostor = pki.impostor();
        RawSignatures wrongCsca = new RawSignatures(corrupted.sod(), corrupted.dataGroup(15), key, impostor.csca(),
                pki.crl());
        assertThat(wrongCsca.documentSigner()).isFalse();
        assertThat(wrongCsca.crl()).isFalse();
    }

    /**
     * What a full verification computes each time, counted: EF.SOD's signature once (BouncyCastle's own JCA
     * verifier checked it twice, the second time with a raw {@code NONEwithECDSA} signature whose result it
     * ignored; the core now verifies with one JCA signature), and an EC chip's AA answer, both by
     * BouncyCastle, none by the JDK's slower ECDSA. Once the JDK has verified the Document Signer certificate (its
     * certificate factory hands out the same object for the same bytes) and the trust store's CRL, it does not
     * verify them again. The per-verification bound counts each signature once: SOD + AA.
     */
    @ParameterizedTest
    @ValueSource(strings = {"EC_P256_PLAIN", "RSA_SHA256"})
    void fullVerificationComputesEachSignatureOnce(String activeAuth) {
        ChipVerificationBenchmark benchmark = setUp(activeAuth);
        Provider bouncyCastle = SignatureProviders.bouncyCastle();
        CountingEcdsaProvider jdk = CountingEcdsaProvider.ofJdk();
        CountingEcdsaProvider counting = CountingEcdsaProvider.ofBouncyCastle(bouncyCastle);
        Security.insertProviderAt(jdk, 1);
        Security.removeProvider(bouncyCastle.getName());
        Security.addProvider(counting);
        try {
            int verifications = 10;
            for (int i = 0; i < verifications; i++) {
                assertThat(benchmark.fullVerification().valid()).isTrue();
            }
            assertThat(counting.verifications("SHA256withECDSA")).as("EF.SOD").isEqualTo(verifications);
            assertThat(counting.verifications("NONEwithECDSA")).as("EF.SOD again, raw").isZero();
            assertThat(counting.verifications("SHA256withPLAIN-ECDSA")).as("the AA answer")
                    .isEqualTo(activeAuth.startsWith("EC_") ? verifications : 0);
            assertThat(jdk.verifications()).as("ECDSA verified by the JDK").isZero();
        } finally {
            Security.removeProvider(jdk.getName());
            Security.removeProvider(counting.getName());
            Security.addProvider(bouncyCastle);
        }
    }

    private static ChipVerificationBenchmark setUp(String activeAuth) {
        ChipVerificationBenchmark benchmark = new ChipVerificationBenchmark();
        benchmark.activeAuth = activeAuth;
        benchmark.setUp();
        return benchmark;
    }
}
