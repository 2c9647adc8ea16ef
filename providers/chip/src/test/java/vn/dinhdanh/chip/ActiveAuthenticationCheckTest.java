package vn.dinhdanh.chip;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dinhdanh.chip.Fixtures.CHALLENGE;
import static vn.dinhdanh.chip.Fixtures.chip;
import static vn.dinhdanh.chip.Fixtures.presentation;
import static vn.dinhdanh.chip.Fixtures.samplePerson;
import static vn.dinhdanh.chip.Fixtures.verify;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.dinhdanh.chip.consistency.DocumentStatus;
import vn.dinhdanh.chip.lds.ChipPresentation;
import vn.dinhdanh.chip.verdict.Check;
import vn.dinhdanh.chip.verdict.CheckName;
import vn.dinhdanh.chip.verdict.ChipFailure;
import vn.dinhdanh.chip.verdict.Verdict;
import vn.dinhdanh.virtualchip.ActiveAuthKey;
import vn.dinhdanh.virtualchip.Variant;
import vn.dinhdanh.virtualchip.VirtualChip;

@DisplayName("active authentication in the verdict")
class ActiveAuthenticationCheckTest {

    private static void assertAaFailed(Verdict verdict) {
        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.failure()).contains(ChipFailure.AA_FAILED);
        assertThat(verdict.chipAuthenticated()).isFalse();
        // The data were genuine: the caller may audit whose card was cloned.
        assertThat(verdict.identity()).isPresent();
    }

    @ParameterizedTest(name = "AA key {0}")
    @EnumSource(value = ActiveAuthKey.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    @DisplayName("a chip answering with another key than DG15's (a clone): aa_failed")
    void wrongKey(ActiveAuthKey aa) {
        assertAaFailed(verify(presentation(chip(Variant.WRONG_AA_KEY, aa))));
    }

    @ParameterizedTest(name = "AA key {0}")
    @EnumSource(value = ActiveAuthKey.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    @DisplayName("an answer to another challenge (a replay): aa_failed")
    void otherChallenge(ActiveAuthKey aa) {
        VirtualChip chip = chip(Variant.GENUINE, aa);
        byte[] old = chip.signChallenge(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertAaFailed(verify(new ChipPresentation(chip.sod(), chip.dataGroups(), old)));
    }

    @Test
    @DisplayName("no answer from a chip with DG15: aa_failed")
    void noAnswer() {
        VirtualChip chip = chip(Variant.GENUINE);
        assertAaFailed(verify(new ChipPresentation(chip.sod(), chip.dataGroups(), null)));
    }

    @Test
    @DisplayName("an answer with a flipped bit: aa_failed")
    void flippedBit() {
        VirtualChip chip = chip(Variant.GENUINE);
        byte[] answer = chip.signChallenge(CHALLENGE);
        answer[answer.length / 2] ^= 0x10;
        assertAaFailed(verify(new ChipPresentation(chip.sod(), chip.dataGroups(), answer)));
    }

    @Test
    @DisplayName("no DG15 and AA required (default): aa_unsupported, a failure")
    void unsupportedRequired() {
        Verdict verdict = verify(presentation(chip(Variant.GENUINE, ActiveAuthKey.NONE)));
        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.failure()).contains(ChipFailure.AA_UNSUPPORTED);
    }

    @Test
    @DisplayName("no DG15 and AA optional: valid, but aa_unsupported is reported and the chip not authenticated")
    void unsupportedAllowed() {
        Verdict verdict = Fixtures.verifier(ChipPolicy.DEFAULT.withRequireActiveAuthentication(false),
                        (card, ds) -> DocumentStatus.Status.VALID)
                .verify(presentation(chip(Variant.GENUINE, ActiveAuthKey.NONE)), CHALLENGE, Optional.of(samplePerson()));
        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.chipAuthenticated()).isFalse();
        assertThat(verdict.check(CheckName.ACTIVE_AUTHENTICATION))
                .hasValue(Check.skipped(CheckName.ACTIVE_AUTHENTICATION, ChipFailure.AA_UNSUPPORTED));
    }
}
