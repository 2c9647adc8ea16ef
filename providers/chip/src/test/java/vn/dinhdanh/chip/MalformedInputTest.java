package vn.dinhdanh.chip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.dinhdanh.chip.Fixtures.CHALLENGE;
import static vn.dinhdanh.chip.Fixtures.chip;
import static vn.dinhdanh.chip.Fixtures.verify;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.dinhdanh.chip.lds.ChipPresentation;
import vn.dinhdanh.chip.lds.LdsLimits;
import vn.dinhdanh.chip.verdict.ChipFailure;
import vn.dinhdanh.chip.verdict.Verdict;
import vn.dinhdanh.virtualchip.Variant;
import vn.dinhdanh.virtualchip.VirtualChip;

@DisplayName("malformed input is malformed_lds, before any parsing where a limit says so")
class MalformedInputTest {

    private static Verdict withGroups(Consumer<Map<Integer, byte[]>> change) {
        VirtualChip chip = chip(Variant.GENUINE);
        Map<Integer, byte[]> groups = chip.dataGroups();
        change.accept(groups);
        return verify(new ChipPresentation(chip.sod(), groups, chip.signChallenge(CHALLENGE)));
    }

    private static void assertMalformed(Verdict verdict) {
        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.failure()).contains(ChipFailure.MALFORMED_LDS);
        assertThat(verdict.identity()).isEmpty();
    }

    @Test
    @DisplayName("no SOD, an empty SOD, a truncated SOD, an SOD with bytes after it")
    void sod() {
        VirtualChip chip = chip(Variant.GENUINE);
        byte[] sod = chip.sod();
        for (byte[] bad : new byte[][] {null, {}, Arrays.copyOf(sod, sod.length - 1), Arrays.copyOf(sod, sod.length + 1),
                Arrays.copyOf(sod, 2)}) {
            assertMalformed(verify(new ChipPresentation(bad, chip.dataGroups(), null)));
        }
    }

    @Test
    @DisplayName("a file over its size limit, checked before parsing")
    void oversized() {
        assertMalformed(withGroups(g -> g.put(13, new byte[LdsLimits.MAX_FILE_BYTES + 1])));
        assertMalformed(withGroups(g -> g.put(2, new byte[LdsLimits.MAX_DG2_BYTES + 1])));
        VirtualChip chip = chip(Variant.GENUINE);
        assertMalformed(verify(new ChipPresentation(new byte[LdsLimits.MAX_FILE_BYTES + 1], chip.dataGroups(), null)));
        assertMalformed(verify(new ChipPresentation(chip.sod(), chip.dataGroups(),
                new byte[LdsLimits.MAX_AA_SIGNATURE_BYTES + 1])));
    }

    @Test
    @DisplayName("a data group number outside 1-16, a null or empty file, a file under another group's tag")
    void wrongGroups() {
        assertMalformed(withGroups(g -> g.put(17, g.get(1))));
        assertMalformed(withGroups(g -> g.put(0, g.get(1))));
        assertMalformed(withGroups(g -> g.put(11, null)));
        assertMalformed(withGroups(g -> g.put(11, new byte[0])));
        assertMalformed(withGroups(g -> g.put(13, g.get(1))));
    }

    @Test
    @DisplayName("a data group whose length claims more bytes than sent (no allocation from the claim)")
    void lyingLength() {
        // 6F 84 7F FF FF FF: DG15 claiming 2 GiB.
        assertMalformed(withGroups(g -> g.put(15, new byte[] {0x6F, (byte) 0x84, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF})));
        assertMalformed(withGroups(g -> g.put(1, Arrays.copyOf(g.get(1), g.get(1).length - 3))));
    }

    @Test
    @DisplayName("deeply nested input is a refusal, not a StackOverflowError")
    void deepNesting() {
        byte[] nested = new byte[LdsLimits.MAX_FILE_BYTES];
        nested[0] = 0x6D;
        nested[1] = (byte) 0x80;
        for (int i = 2; i + 1 < nested.length; i += 2) {
            nested[i] = 0x30;
            nested[i + 1] = (byte) 0x80;
        }
        assertMalformed(withGroups(g -> g.put(13, nested)));
    }

    @Test
    @DisplayName("the caller's own mistakes throw: no challenge, a short or oversized one, a data group without a number")
    void callerMistakes() {
        ChipPresentation presentation = Fixtures.presentation(chip(Variant.GENUINE));
        assertThatThrownBy(() -> Fixtures.verifier().verify(presentation, null, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fixtures.verifier().verify(presentation, new byte[65], Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fixtures.verifier().verify(presentation, new byte[7], Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        java.util.Map<Integer, byte[]> groups = new java.util.HashMap<>();
        groups.put(null, new byte[] {0x61, 0x00});
        assertThatThrownBy(() -> new ChipPresentation(new byte[] {0x77, 0x00}, groups, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
