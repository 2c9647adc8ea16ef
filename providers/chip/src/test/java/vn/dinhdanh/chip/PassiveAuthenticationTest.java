package vn.dinhdanh.chip;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dinhdanh.chip.Fixtures.CHALLENGE;
import static vn.dinhdanh.chip.Fixtures.CLOCK;
import static vn.dinhdanh.chip.Fixtures.PKI;
import static vn.dinhdanh.chip.Fixtures.chip;
import static vn.dinhdanh.chip.Fixtures.presentation;
import static vn.dinhdanh.chip.Fixtures.verify;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.dinhdanh.chip.consistency.DocumentStatus;
import vn.dinhdanh.chip.lds.ChipPresentation;
import vn.dinhdanh.chip.trust.TrustStore;
import vn.dinhdanh.chip.verdict.Check;
import vn.dinhdanh.chip.verdict.CheckName;
import vn.dinhdanh.chip.verdict.ChipFailure;
import vn.dinhdanh.chip.verdict.Verdict;
import vn.dinhdanh.virtualchip.Variant;

@DisplayName("passive authentication")
class PassiveAuthenticationTest {

    private static void assertRefused(Verdict verdict, CheckName at, ChipFailure failure) {
        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.failure()).contains(failure);
        assertThat(verdict.check(at)).hasValue(Check.failed(at, failure));
        assertThat(verdict.identity()).as("no identity from unproven data").isEmpty();
        // Everything after the failure is reported, skipped.
        assertThat(verdict.checks()).extracting(Check::name).containsExactly(CheckName.values());
        verdict.checks().stream().filter(c -> c.name().ordinal() > at.ordinal())
                .forEach(c -> assertThat(c.result()).isEqualTo(Check.Result.SKIPPED));
    }

    @Nested
    @DisplayName("the SOD's signature")
    class Signature {

        @Test
        @DisplayName("corrupted: sod_signature_invalid")
        void corrupted() {
            assertRefused(verify(presentation(chip(Variant.SOD_SIGNATURE_CORRUPTED))),
                    CheckName.SOD_SIGNATURE, ChipFailure.SOD_SIGNATURE_INVALID);
        }

        @Test
        @DisplayName("the SOD of another card with this card's data groups: dg_hash_mismatch")
        void otherCardsSod() {
            var other = vn.dinhdanh.virtualchip.VirtualChip.builder(PKI,
                    vn.dinhdanh.virtualchip.CardHolder.sample().withFullName("Trần Thị Bình")).build();
            ChipPresentation mixed = new ChipPresentation(other.sod(), chip(Variant.GENUINE).dataGroups(),
                    chip(Variant.GENUINE).signChallenge(CHALLENGE));
            assertRefused(verify(mixed), CheckName.DATA_GROUP_HASHES, ChipFailure.DG_HASH_MISMATCH);
        }
    }

    @Nested
    @DisplayName("the Document Signer")
    class DocumentSigner {

        @Test
        @DisplayName("issued by a CSCA of the same name and another key: ds_not_trusted")
        void unknownCsca() {
            assertRefused(verify(presentation(chip(Variant.UNKNOWN_CSCA))),
                    CheckName.DOCUMENT_SIGNER_TRUST, ChipFailure.DS_NOT_TRUSTED);
        }

        @Test
        @DisplayName("on the CSCA's CRL: ds_revoked")
        void revoked() {
            assertRefused(verify(presentation(chip(Variant.DS_REVOKED))),
                    CheckName.DOCUMENT_SIGNER_TRUST, ChipFailure.DS_REVOKED);
        }

        @Test
        @DisplayName("no CRL for the CSCA: ds_not_trusted, as a revoked DS would otherwise pass")
        void withoutCrl() {
            ChipVerifier verifier = new ChipVerifier(TrustStore.of(List.of(PKI.csca()), List.of()),
                    (card, ds) -> DocumentStatus.Status.VALID, CLOCK, ChipPolicy.DEFAULT);
            assertRefused(verifier.verify(presentation(chip(Variant.GENUINE)), CHALLENGE, Optional.empty()),
                    CheckName.DOCUMENT_SIGNER_TRUST, ChipFailure.DS_NOT_TRUSTED);
        }

        @Test
        @DisplayName("no CRL, where the policy lets it go: nothing to check offline, the path alone decides")
        void withoutCrlAllowed() {
            ChipVerifier verifier = new ChipVerifier(TrustStore.of(List.of(PKI.csca()), List.of()),
                    (card, ds) -> DocumentStatus.Status.VALID, CLOCK, ChipPolicy.DEFAULT.withRequireRevocationList(false));
            Verdict verdict = verifier.verify(presentation(chip(Variant.DS_REVOKED)), CHALLENGE, Optional.empty());
            assertThat(verdict.valid()).isTrue();
        }

        @Test
        @DisplayName("an empty trust store trusts nothing: ds_not_trusted")
        void emptyTrustStore() {
            ChipVerifier verifier = new ChipVerifier(TrustStore.of(List.of(), List.of()),
                    (card, ds) -> DocumentStatus.Status.VALID, CLOCK, ChipPolicy.DEFAULT);
            assertRefused(verifier.verify(presentation(chip(Variant.GENUINE)), CHALLENGE, Optional.empty()),
                    CheckName.DOCUMENT_SIGNER_TRUST, ChipFailure.DS_NOT_TRUSTED);
        }

        @Test
        @DisplayName("after the certificates expired: ds_not_trusted")
        void expiredCertificates() {
            ChipVerifier verifier = new ChipVerifier(Fixtures.TRUST, (card, ds) -> DocumentStatus.Status.VALID,
                    java.time.Clock.fixed(java.time.Instant.parse("2046-01-01T00:00:00Z"), java.time.ZoneOffset.UTC),
                    ChipPolicy.DEFAULT);
            assertRefused(verifier.verify(presentation(chip(Variant.GENUINE)), CHALLENGE, Optional.empty()),
                    CheckName.DOCUMENT_SIGNER_TRUST, ChipFailure.DS_NOT_TRUSTED);
        }
    }

    @Nested
    @DisplayName("the data groups")
    class DataGroups {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"TAMPERED_DG1", "TAMPERED_DG13", "UNLISTED_DATA_GROUP"})
        @DisplayName("changed after signing, or not listed in the SOD: dg_hash_mismatch")
        void mismatch(Variant variant) {
            assertRefused(verify(presentation(chip(variant))), CheckName.DATA_GROUP_HASHES, ChipFailure.DG_HASH_MISMATCH);
        }

        @Test
        @DisplayName("DG2 changed by one bit: dg_hash_mismatch")
        void portraitSwapped() {
            Map<Integer, byte[]> groups = chip(Variant.GENUINE).dataGroups();
            byte[] dg2 = groups.get(2);
            dg2[dg2.length - 10] ^= 0x01;
            ChipPresentation presentation = new ChipPresentation(chip(Variant.GENUINE).sod(), groups,
                    chip(Variant.GENUINE).signChallenge(CHALLENGE));
            assertRefused(verify(presentation), CheckName.DATA_GROUP_HASHES, ChipFailure.DG_HASH_MISMATCH);
        }

        @Test
        @DisplayName("DG1 not presented: dg_missing")
        void missingDg1() {
            assertRefused(verify(presentation(chip(Variant.MISSING_DG1))),
                    CheckName.REQUIRED_DATA_GROUPS, ChipFailure.DG_MISSING);
        }

        @Test
        @DisplayName("DG13 not presented: dg_missing")
        void missingDg13() {
            Map<Integer, byte[]> groups = chip(Variant.GENUINE).dataGroups();
            groups.remove(13);
            assertRefused(verify(new ChipPresentation(chip(Variant.GENUINE).sod(), groups, null)),
                    CheckName.REQUIRED_DATA_GROUPS, ChipFailure.DG_MISSING);
        }

        @Test
        @DisplayName("DG15 left out of a chip whose SOD lists it: dg_missing, not aa_unsupported")
        void aaKeyWithheld() {
            Map<Integer, byte[]> groups = chip(Variant.GENUINE).dataGroups();
            groups.remove(15);
            Verdict verdict = Fixtures.verifier(ChipPolicy.DEFAULT.withRequireActiveAuthentication(false),
                    (card, ds) -> DocumentStatus.Status.VALID)
                    .verify(new ChipPresentation(chip(Variant.GENUINE).sod(), groups, null), CHALLENGE, Optional.empty());
            assertRefused(verdict, CheckName.REQUIRED_DATA_GROUPS, ChipFailure.DG_MISSING);
        }

        @Test
        @DisplayName("DG2 may be left out (the SOD still covers what is presented)")
        void portraitOptional() {
            Map<Integer, byte[]> groups = chip(Variant.GENUINE).dataGroups();
            groups.remove(2);
            Verdict verdict = verify(new ChipPresentation(chip(Variant.GENUINE).sod(), groups,
                    chip(Variant.GENUINE).signChallenge(CHALLENGE)));
            assertThat(verdict.valid()).isTrue();
            assertThat(verdict.identity().orElseThrow().faceImage()).isEmpty();
        }
    }
}
