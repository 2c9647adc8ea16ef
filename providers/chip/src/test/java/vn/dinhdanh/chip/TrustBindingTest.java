package vn.dinhdanh.chip;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dinhdanh.chip.Fixtures.CHALLENGE;
import static vn.dinhdanh.chip.Fixtures.CLOCK;
import static vn.dinhdanh.chip.Fixtures.PKI;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.dinhdanh.chip.consistency.DocumentStatus;
import vn.dinhdanh.chip.trust.TrustStore;
import vn.dinhdanh.chip.verdict.Check;
import vn.dinhdanh.chip.verdict.CheckName;
import vn.dinhdanh.chip.verdict.ChipFailure;
import vn.dinhdanh.chip.verdict.Verdict;
import vn.dinhdanh.virtualchip.CardHolder;
import vn.dinhdanh.virtualchip.TestPki;
import vn.dinhdanh.virtualchip.VirtualChip;

@DisplayName("trust bound to Viet Nam's CSCA, with a current CRL")
class TrustBindingTest {

    private static final TestPki FOREIGN = PKI.foreign("UT");

    private static Verdict verify(TrustStore trust, ChipPolicy policy, VirtualChip chip) {
        return new ChipVerifier(trust, (card, ds) -> DocumentStatus.Status.VALID, CLOCK, policy)
                .verify(Fixtures.presentation(chip), CHALLENGE, Optional.of(Fixtures.samplePerson()));
    }

    @Test
    @DisplayName("a card saying VNM signed under another state's trusted CSCA is not trusted")
    void foreignCsca() {
        TrustStore both = TrustStore.of(List.of(PKI.csca(), FOREIGN.csca()), List.of(PKI.crl(), FOREIGN.crl()));
        VirtualChip forged = VirtualChip.builder(FOREIGN, CardHolder.sample()).build();
        assertThat(verify(both, ChipPolicy.DEFAULT, forged).check(CheckName.DOCUMENT_SIGNER_TRUST))
                .hasValue(Check.failed(CheckName.DOCUMENT_SIGNER_TRUST, ChipFailure.DS_NOT_TRUSTED));
        // The Vietnamese card under the same trust store passes: the binding, not the store, refused it.
        assertThat(verify(both, ChipPolicy.DEFAULT, Fixtures.chip(vn.dinhdanh.virtualchip.Variant.GENUINE)).valid()).isTrue();
        // Configurable, for tests of other countries' PKIs: then the foreign CSCA is the one.
        assertThat(verify(both, ChipPolicy.DEFAULT.withCscaCountry("UT"), forged).valid()).isTrue();
        assertThat(verify(both, ChipPolicy.DEFAULT.withCscaCountry("UT"),
                Fixtures.chip(vn.dinhdanh.virtualchip.Variant.GENUINE)).failure()).contains(ChipFailure.DS_NOT_TRUSTED);
    }

    @Test
    @DisplayName("a CRL past its nextUpdate refuses with csca_crl_stale, a current one passes")
    void staleCrl() {
        Instant now = CLOCK.instant();
        TrustStore stale = TrustStore.of(List.of(PKI.csca()),
                List.of(PKI.crl(now.minusSeconds(100 * 86400), now.minusSeconds(10 * 86400), 2)));
        assertThat(verify(stale, ChipPolicy.DEFAULT, Fixtures.chip(vn.dinhdanh.virtualchip.Variant.GENUINE))
                .check(CheckName.DOCUMENT_SIGNER_TRUST))
                .hasValue(Check.failed(CheckName.DOCUMENT_SIGNER_TRUST, ChipFailure.CSCA_CRL_STALE));
        TrustStore current = TrustStore.of(List.of(PKI.csca()),
                List.of(PKI.crl(now.minusSeconds(86400), now.plusSeconds(89 * 86400), 3)));
        assertThat(verify(current, ChipPolicy.DEFAULT, Fixtures.chip(vn.dinhdanh.virtualchip.Variant.GENUINE)).valid()).isTrue();
        assertThat(verify(current, ChipPolicy.DEFAULT, Fixtures.chip(vn.dinhdanh.virtualchip.Variant.DS_REVOKED)).failure())
                .contains(ChipFailure.DS_REVOKED);
        // A stale one beside a current one: the current one is used.
        TrustStore both = TrustStore.of(List.of(PKI.csca()), List.of(stale.crls().get(0), current.crls().get(0)));
        assertThat(verify(both, ChipPolicy.DEFAULT, Fixtures.chip(vn.dinhdanh.virtualchip.Variant.GENUINE)).valid()).isTrue();
    }
}
