package vn.dinhdanh.chip;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dinhdanh.chip.Fixtures.chip;
import static vn.dinhdanh.chip.Fixtures.presentation;
import static vn.dinhdanh.chip.Fixtures.verify;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.dinhdanh.chip.verdict.Check;
import vn.dinhdanh.chip.verdict.CheckName;
import vn.dinhdanh.chip.verdict.ChipFailure;
import vn.dinhdanh.chip.verdict.Verdict;
import vn.dinhdanh.virtualchip.Variant;

/** What a SOD must be beyond a verifying signature (RFC 5652 5.3, ICAO 9303 parts 10 and 12). */
@DisplayName("the SOD's rules")
class SodRulesTest {

    private static void refused(Variant variant, CheckName at, ChipFailure failure) {
        Verdict verdict = verify(presentation(chip(variant)));
        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.check(at)).hasValue(Check.failed(at, failure));
    }

    @Test
    @DisplayName("a signature without signed attributes is invalid, though it verifies over the content")
    void signedAttributesRequired() {
        refused(Variant.SOD_WITHOUT_SIGNED_ATTRIBUTES, CheckName.SOD_SIGNATURE, ChipFailure.SOD_SIGNATURE_INVALID);
    }

    @Test
    @DisplayName("a data group listed twice is malformed, not 'last one wins'")
    void duplicateDataGroup() {
        refused(Variant.SOD_DUPLICATE_DATA_GROUP, CheckName.LDS_STRUCTURE, ChipFailure.MALFORMED_LDS);
    }

    @Test
    @DisplayName("SHA-1 is algorithm_not_allowed, not a hash mismatch (which reads as tampering)")
    void sha1() {
        refused(Variant.SOD_SHA1, CheckName.SOD_SIGNATURE, ChipFailure.ALGORITHM_NOT_ALLOWED);
    }
}
