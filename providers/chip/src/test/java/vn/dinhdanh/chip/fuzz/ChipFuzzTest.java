package vn.dinhdanh.chip.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import vn.dinhdanh.chip.ChipVerifier;
import vn.dinhdanh.chip.Fixtures;
import vn.dinhdanh.chip.api.ApiError;
import vn.dinhdanh.chip.api.VerificationRequest;
import vn.dinhdanh.chip.consistency.RegistryPerson;
import vn.dinhdanh.chip.lds.ChipPresentation;
import vn.dinhdanh.chip.lds.Dg13Layout;
import vn.dinhdanh.chip.lds.LdsFiles;
import vn.dinhdanh.chip.lds.LdsReader;
import vn.dinhdanh.chip.lds.MalformedLdsException;
import vn.dinhdanh.chip.passive.DataGroupHashes;
import vn.dinhdanh.chip.passive.SodSignature;
import vn.dinhdanh.chip.verdict.Verdict;
import vn.dinhdanh.virtualchip.ActiveAuthKey;
import vn.dinhdanh.virtualchip.Variant;
import vn.dinhdanh.virtualchip.VirtualChip;

/**
 * Coverage-guided fuzz targets (Jazzer) for every parser the chip API runs on a stranger's bytes. The rule
 * each checks: the outcome is a verdict (or, for the parsers, their one checked exception; for the request
 * body, a 4xx {@link ApiError}), never anything else. Each target starts from a genuine chip's file with the
 * fuzzer's bytes in place of one file, so the fuzzer reaches deep into the structure. In a normal build
 * they run in regression mode (the inputs under src/test/resources); {@code bench/fuzz} runs them for long.
 */
class ChipFuzzTest {

    private static final VirtualChip GENUINE = Fixtures.chip(Variant.GENUINE, ActiveAuthKey.EC_P256_PLAIN);
    private static final LdsReader READER = new LdsReader(Dg13Layout.DEFAULT);
    /** Computed once: the fuzzer's time goes to the parsers, not to making the chip's answer again. */
    private static final Map<Integer, byte[]> GROUPS = GENUINE.dataGroups();
    private static final byte[] SOD = GENUINE.sod();
    private static final byte[] ANSWER = GENUINE.signChallenge(Fixtures.CHALLENGE);
    private static final ChipVerifier VERIFIER = Fixtures.verifier();
    private static final Optional<RegistryPerson> PERSON = Optional.of(Fixtures.samplePerson());

    private static Verdict verify(ChipPresentation presentation) {
        return VERIFIER.verify(presentation, Fixtures.CHALLENGE, PERSON);
    }

    /** The whole verification with the fuzzer's SOD: a verdict, and never a valid one. */
    @FuzzTest(maxDuration = "10s")
    void sod(byte[] sod) {
        Verdict verdict = verify(new ChipPresentation(sod, GROUPS, ANSWER));
        assertThat(verdict).isNotNull();
        SodSignature.verify(sod); // reached directly too: a structure check must not be what shields it
    }

    @FuzzTest(maxDuration = "10s")
    void dg1(byte[] bytes) {
        content(1, bytes);
    }

    @FuzzTest(maxDuration = "10s")
    void dg2(byte[] bytes) {
        content(2, bytes);
    }

    @FuzzTest(maxDuration = "10s")
    void dg13(byte[] bytes) {
        content(13, bytes);
    }

    @FuzzTest(maxDuration = "10s")
    void dg14(byte[] bytes) {
        content(14, bytes);
    }

    @FuzzTest(maxDuration = "10s")
    void dg15(byte[] bytes) {
        content(15, bytes);
    }

    /** The verification API's JSON body: a request, or a 4xx with a stable code. */
    @FuzzTest(maxDuration = "10s")
    void verificationRequest(byte[] body) {
        try {
            VerificationRequest request = VerificationRequest.read(new ByteArrayInputStream(body), 512 * 1024);
            assertThat(request.presentation()).isNotNull();
            verify(request.presentation());
        } catch (ApiError e) {
            assertThat(e.getResponse().getStatus()).isBetween(400, 499);
        } catch (java.io.IOException e) {
            throw new AssertionError("a request body in memory cannot fail to read", e);
        }
    }

    /**
     * The fuzzer's bytes as data group {@code number}, read by the parsers that run on signed data (reached in
     * production only after the hashes matched, here directly: a parser must not rely on the signature). Then the
     * rule that a changed data group is never valid: the SOD here is the genuine one, so the whole verification
     * (its signature and Document Signer path, the same work for every input) ends at the hash check, which is
     * asked directly; the whole verification runs only where the hashes match, the genuine bytes. The fuzzer's
     * time goes to the parsers, thousands of inputs a second instead of a hundred.
     */
    private static void content(int number, byte[] bytes) {
        Map<Integer, byte[]> groups = new TreeMap<>(GROUPS);
        groups.put(number, bytes);
        ChipPresentation presentation = new ChipPresentation(SOD, groups, ANSWER);
        LdsFiles files;
        try {
            files = READER.readStructure(presentation);
        } catch (MalformedLdsException expected) {
            assertThat(verify(presentation).valid()).as("a DG%d the structure check refuses is never valid", number).isFalse();
            return; // the parsers' one verdict for a bad file
        }
        try {
            READER.readContent(files);
        } catch (MalformedLdsException expected) {
            // the parsers' one verdict for a bad file; the hashes below still decide
        }
        boolean genuine = java.util.Arrays.equals(bytes, GROUPS.get(number));
        boolean hashesMatch = DataGroupHashes.match(files.securityObject(), files.dataGroups());
        assertThat(hashesMatch).as("a changed DG%d never matches the SOD's hash", number).isEqualTo(genuine);
        if (hashesMatch) {
            assertThat(verify(presentation).valid()).as("the genuine DG%d", number).isTrue();
        }
    }
}
