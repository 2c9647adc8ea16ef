package vn.dinhdanh.bench.chip;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import vn.dinhdanh.chip.verdict.Verdict;
import vn.dinhdanh.population.registry.CitizenRecord;
import vn.dinhdanh.virtualchip.ActiveAuthKey;
import vn.dinhdanh.virtualchip.CardHolder;
import vn.dinhdanh.virtualchip.TestPki;
import vn.dinhdanh.virtualchip.VirtualChip;

/**
 * The goal: a full chip verification (passive + active authentication, consistency, registry
 * match against an in-memory registry) runs at ≥ 50 % of the rate of the raw signature verifications it
 * contains, measured on one core in the same run. {@link #fullVerification} is the verifier; the other
 * benchmarks are those signatures alone ({@link RawSignatures}); {@link ChipReport} sums them into the bound.
 *
 * <p>Every Active Authentication answer must match its challenge, and signing must not be measured: a
 * pool of {@value #POOL} (challenge, answer) pairs is signed in setup and cycled through. Setup verifies
 * every pair both ways first and refuses to run when anything fails, so no number measures a failing path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class ChipVerificationBenchmark {

    static final int POOL = 64;
    /** The fixtures' PKI seed (providers/chip's tests use the same). */
    static final long PKI_SEED = 20210701;
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T03:00:00Z"), CitizenRecord.CALENDAR);

    /** The chip's Active Authentication key: EC P-256 (plain r‖s, DG14 names it) or RSA 2048 (ISO 9796-2, SHA-256). */
    @Param({"EC_P256_PLAIN", "RSA_SHA256"})
    public String activeAuth;

    private ChipCore core;
    private RawSignatures raw;
    private byte[][] challenges;
    private byte[][] answers;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        ActiveAuthKey key = ActiveAuthKey.valueOf(activeAuth);
        TestPki pki = TestPki.generate(PKI_SEED);
        VirtualChip chip = VirtualChip.builder(pki, CardHolder.sample()).activeAuth(key).seed(1).build();
        Random random = new Random(PKI_SEED ^ key.ordinal());
        List<byte[]> challengeList = new ArrayList<>();
        List<byte[]> answerList = new ArrayList<>();
        for (int i = 0; i < POOL; i++) {
            byte[] challenge = new byte[8];
            random.nextBytes(challenge);
            challengeList.add(challenge);
            answerList.add(chip.signChallenge(challenge));
        }
        challenges = challengeList.toArray(byte[][]::new);
        answers = answerList.toArray(byte[][]::new);
        core = new ChipCore(pki, CLOCK, chip, challengeList, answerList);
        raw = new RawSignatures(chip.sod(), chip.dataGroup(15), key, pki.csca(), pki.crl());
        for (int i = 0; i < POOL; i++) {
            if (!ChipCore.authenticated(core.verify(i)) || !raw.activeAuthentication(challenges[i], answers[i])) {
                throw new IllegalStateException("pair " + i + " does not verify: nothing to measure");
            }
        }
        if (!raw.sod() || !raw.documentSigner() || !raw.crl()) {
            throw new IllegalStateException("a raw signature does not verify: nothing to measure");
        }
        next = 0;
    }

    private int nextIndex() {
        int i = next;
        next = (i + 1) % POOL;
        return i;
    }

    /**
     * {@code ChipVerifier.verify}: everything a login with the card runs, except the reader and the network.
     * More warm-up than the raw checks: far more code (ASN.1, CMS, PKIX, JMRTD) for the JIT to compile.
     */
    @Benchmark
    @Warmup(iterations = 8, time = 2)
    public Verdict fullVerification() {
        return core.verify(nextIndex());
    }

    /** Raw: EF.SOD's signature (ECDSA P-256, SHA-256) over its signed attributes. */
    @Benchmark
    public boolean rawSodSignature() {
        return raw.sod();
    }

    /** Raw: the Document Signer certificate's signature by the CSCA (ECDSA P-256, SHA-256). */
    @Benchmark
    public boolean rawDocumentSignerSignature() {
        return raw.documentSigner();
    }

    /** Raw: the CSCA CRL's signature (ECDSA P-256, SHA-256). */
    @Benchmark
    public boolean rawCrlSignature() {
        return raw.crl();
    }

    /** Raw: the chip's Active Authentication answer to the challenge. */
    @Benchmark
    public boolean rawActiveAuthSignature() {
        int i = nextIndex();
        return raw.activeAuthentication(challenges[i], answers[i]);
    }
}
