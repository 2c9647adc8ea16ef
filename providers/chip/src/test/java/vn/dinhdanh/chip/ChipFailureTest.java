package vn.dinhdanh.chip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.dinhdanh.chip.verdict.ChipFailure;

class ChipFailureTest {

    @Test
    @DisplayName("the codes are stable: event reasons and message keys depend on them")
    void stableCodes() {
        assertThat(Arrays.stream(ChipFailure.values()).map(ChipFailure::code)).containsExactly(
                "malformed_lds", "sod_signature_invalid", "ds_not_trusted", "ds_revoked", "dg_hash_mismatch",
                "dg_missing", "aa_failed", "aa_unsupported", "challenge_unknown", "challenge_expired",
                "challenge_reused", "card_revoked", "card_status_unknown", "registry_unavailable", "card_expired", "person_mismatch", "citizen_not_alive",
                "document_not_cccd", "csca_crl_stale", "algorithm_not_allowed", "card_of_another_citizen");
        assertThat(ChipFailure.DS_REVOKED.messageKey()).isEqualTo("dinhdanh.chip.ds_revoked");
    }
}
