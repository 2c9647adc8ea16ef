package vn.dinhdanh.chip;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dinhdanh.chip.Fixtures.CHALLENGE;
import static vn.dinhdanh.chip.Fixtures.chip;
import static vn.dinhdanh.chip.Fixtures.presentation;
import static vn.dinhdanh.chip.Fixtures.samplePerson;
import static vn.dinhdanh.chip.Fixtures.verify;

import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.dinhdanh.chip.consistency.DocumentStatus;
import vn.dinhdanh.chip.consistency.PersonLookup;
import vn.dinhdanh.chip.consistency.RegistryPerson;
import vn.dinhdanh.chip.lds.Sex;
import vn.dinhdanh.chip.verdict.Check;
import vn.dinhdanh.chip.verdict.CheckName;
import vn.dinhdanh.chip.verdict.ChipFailure;
import vn.dinhdanh.chip.verdict.Verdict;
import vn.dinhdanh.virtualchip.CardHolder;
import vn.dinhdanh.virtualchip.Variant;

@DisplayName("after passive and active authentication")
class ConsistencyCheckTest {

    private static Verdict verifyWith(DocumentStatus status, Optional<RegistryPerson> person) {
        return Fixtures.verifier(ChipPolicy.DEFAULT, status).verify(presentation(chip(Variant.GENUINE)), CHALLENGE, person);
    }

    @Test
    @DisplayName("DG1's document number is not the end of DG13's ID number: person_mismatch")
    void chipDisagrees() {
        Verdict verdict = verify(presentation(chip(Variant.DOCUMENT_NUMBER_MISMATCH)));
        assertThat(verdict.failure()).contains(ChipFailure.PERSON_MISMATCH);
        assertThat(verdict.check(CheckName.CHIP_CONSISTENCY)).map(Check::result).contains(Check.Result.FAILED);
    }

    @Test
    @DisplayName("a genuine document of another state (its CSCA trusted too): document_not_cccd, never a match")
    void foreignDocument() {
        Verdict verdict = verify(presentation(chip(Variant.FOREIGN_DOCUMENT)));
        assertThat(verdict.failure()).contains(ChipFailure.DOCUMENT_NOT_CCCD);
        assertThat(verdict.check(CheckName.CHIP_CONSISTENCY)).map(Check::result).contains(Check.Result.FAILED);
        assertThat(verdict.check(CheckName.SOD_SIGNATURE)).map(Check::result).contains(Check.Result.PASSED);
    }

    @Test
    @DisplayName("an expired card: card_expired")
    void expired() {
        Verdict verdict = verify(presentation(chip(Variant.EXPIRED)));
        assertThat(verdict.failure()).contains(ChipFailure.CARD_EXPIRED);
        assertThat(verdict.identity().orElseThrow().expiryDate()).isEqualTo(LocalDate.of(2024, 12, 31));
    }

    @Test
    @DisplayName("a card is valid through its expiry date and expired the day after")
    void expiryDay() {
        var identity = verify(presentation(chip(Variant.GENUINE))).identity().orElseThrow();
        assertThat(vn.dinhdanh.chip.consistency.Consistency.expired(identity, LocalDate.of(2030, 3, 15))).isFalse();
        assertThat(vn.dinhdanh.chip.consistency.Consistency.expired(identity, LocalDate.of(2030, 3, 16))).isTrue();
    }

    @Nested
    @DisplayName("the document status")
    class Status {

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = DocumentStatus.Status.class, names = {"REVOKED", "REPLACED", "LOST"})
        @DisplayName("revoked, replaced or lost: card_revoked")
        void refused(DocumentStatus.Status status) {
            Verdict verdict = verifyWith((card, ds) -> status, Optional.of(samplePerson()));
            assertThat(verdict.failure()).contains(ChipFailure.CARD_REVOKED);
        }

        @Test
        @DisplayName("is asked with the 12-digit number and the Document Signer that signed the card")
        void asked() {
            List<Object> asked = new ArrayList<>();
            verifyWith((card, ds) -> {
                asked.add(card.idNumber());
                asked.add(card.documentNumber());
                asked.add(card.issueDate());
                asked.add(ds);
                return DocumentStatus.Status.VALID;
            }, Optional.empty());
            CardHolder holder = CardHolder.sample();
            assertThat(asked).containsExactly("001090012345", "090012345", holder.cardIssueDate(),
                    Fixtures.PKI.documentSigner().certificate());
        }

        @Test
        @DisplayName("unknown (no gateway or no answer): card_status_unknown, as the default policy requires a status")
        void unknownRequired() {
            Verdict verdict = verifyWith(DocumentStatus.none(), Optional.of(samplePerson()));
            assertThat(verdict.valid()).isFalse();
            assertThat(verdict.failure()).contains(ChipFailure.CARD_STATUS_UNKNOWN);
            Verdict nullAnswer = verifyWith((card, ds) -> null, Optional.of(samplePerson()));
            assertThat(nullAnswer.failure()).contains(ChipFailure.CARD_STATUS_UNKNOWN);
        }

        @Test
        @DisplayName("unknown, where the policy lets it go: skipped with its reason, never passed")
        void unknownAllowed() {
            Verdict verdict = Fixtures.verifier(ChipPolicy.DEFAULT.withRequireDocumentStatus(false), DocumentStatus.none())
                    .verify(presentation(chip(Variant.GENUINE)), CHALLENGE, Optional.of(samplePerson()));
            assertThat(verdict.valid()).isTrue();
            assertThat(verdict.check(CheckName.DOCUMENT_STATUS))
                    .hasValue(Check.skipped(CheckName.DOCUMENT_STATUS, ChipFailure.CARD_STATUS_UNKNOWN));
        }

        @Test
        @DisplayName("a status source that fails: registry_unavailable, not malformed_lds")
        void unreachable() {
            Verdict verdict = verifyWith((card, ds) -> {
                throw new IllegalStateException("gateway down");
            }, Optional.of(samplePerson()));
            assertThat(verdict.failure()).contains(ChipFailure.REGISTRY_UNAVAILABLE);
            assertThat(verdict.check(CheckName.DOCUMENT_STATUS).orElseThrow().result()).isEqualTo(Check.Result.FAILED);
        }
    }

    @Nested
    @DisplayName("the registry's person")
    class Registry {

        private final DocumentStatus valid = (card, ds) -> DocumentStatus.Status.VALID;

        @Test
        @DisplayName("the same in another Unicode normalisation, case and spacing: a match")
        void normalisedMatch() {
            String decomposed = java.text.Normalizer.normalize("  NGUYỄN   văn AN ", java.text.Normalizer.Form.NFD);
            RegistryPerson person = new RegistryPerson("001090012345", decomposed, LocalDate.of(1990, 3, 15), Sex.MALE);
            assertThat(verifyWith(valid, Optional.of(person)).valid()).isTrue();
        }

        @Test
        @DisplayName("another name, date of birth, sex or number: person_mismatch")
        void mismatch() {
            RegistryPerson p = samplePerson();
            List<RegistryPerson> others = List.of(
                    new RegistryPerson(p.idNumber(), "Nguyễn Văn Ân", p.dateOfBirth(), p.sex()),
                    new RegistryPerson(p.idNumber(), p.fullName(), p.dateOfBirth().plusDays(1), p.sex()),
                    new RegistryPerson(p.idNumber(), p.fullName(), p.dateOfBirth(), Sex.FEMALE),
                    new RegistryPerson("001090012346", p.fullName(), p.dateOfBirth(), p.sex()));
            for (RegistryPerson other : others) {
                Verdict verdict = verifyWith(valid, Optional.of(other));
                assertThat(verdict.failure()).as(other.toString()).contains(ChipFailure.PERSON_MISMATCH);
                assertThat(verdict.check(CheckName.REGISTRY_MATCH)).map(Check::result).contains(Check.Result.FAILED);
            }
        }

        @Test
        @DisplayName("none given: skipped")
        void none() {
            Verdict verdict = verifyWith(valid, Optional.empty());
            assertThat(verdict.valid()).isTrue();
            assertThat(verdict.check(CheckName.REGISTRY_MATCH)).hasValue(Check.skipped(CheckName.REGISTRY_MATCH));
        }
    }

    @Nested
    @DisplayName("with the registry asked for the card's citizen")
    class RegistryLookup {

        private final DocumentStatus valid = (card, ds) -> DocumentStatus.Status.VALID;

        private Verdict verifyAgainst(PersonLookup registry) {
            return Fixtures.verifier(ChipPolicy.DEFAULT, valid).verify(presentation(chip(Variant.GENUINE)), CHALLENGE, registry);
        }

        @Test
        @DisplayName("the citizen the card names, allowed to authenticate: valid, asked with the card's number")
        void match() {
            List<String> asked = new ArrayList<>();
            Verdict verdict = verifyAgainst(number -> {
                asked.add(number);
                return Optional.of(samplePerson());
            });
            assertThat(verdict.valid()).isTrue();
            assertThat(asked).containsExactly(samplePerson().idNumber());
            assertThat(verdict.check(CheckName.CITIZEN_STATUS)).hasValue(Check.passed(CheckName.CITIZEN_STATUS));
        }

        @Test
        @DisplayName("a registry that cannot be asked: registry_unavailable on the registry check")
        void unavailable() {
            Verdict verdict = verifyAgainst(number -> {
                throw new IllegalStateException("registry down");
            });
            assertThat(verdict.failure()).contains(ChipFailure.REGISTRY_UNAVAILABLE);
            assertThat(verdict.check(CheckName.REGISTRY_MATCH).orElseThrow().result()).isEqualTo(Check.Result.FAILED);
        }

        @Test
        @DisplayName("a number the registry does not hold: person_mismatch")
        void unknown() {
            assertThat(verifyAgainst(number -> Optional.empty()).failure()).contains(ChipFailure.PERSON_MISMATCH);
        }

        @Test
        @DisplayName("a citizen the registry refuses: citizen_not_alive")
        void refused() {
            RegistryPerson p = samplePerson();
            Verdict verdict = verifyAgainst(number -> Optional.of(
                    new RegistryPerson(p.idNumber(), p.fullName(), p.dateOfBirth(), p.sex(), false)));
            assertThat(verdict.valid()).isFalse();
            assertThat(verdict.failure()).contains(ChipFailure.CITIZEN_NOT_ALIVE);
        }

        @Test
        @DisplayName("a forged card never makes the registry be asked")
        void forgedNotAsked() {
            List<String> asked = new ArrayList<>();
            Fixtures.verifier(ChipPolicy.DEFAULT, valid).verify(presentation(chip(Variant.TAMPERED_DG13)), CHALLENGE,
                    (PersonLookup) number -> {
                        asked.add(number);
                        return Optional.of(samplePerson());
                    });
            assertThat(asked).isEmpty();
        }
    }

    @Test
    @DisplayName("the status check sees only verified cards")
    void statusAfterProof() {
        List<X509Certificate> asked = new ArrayList<>();
        Fixtures.verifier(ChipPolicy.DEFAULT, (card, ds) -> {
            asked.add(ds);
            return DocumentStatus.Status.VALID;
        }).verify(presentation(chip(Variant.TAMPERED_DG13)), CHALLENGE, Optional.empty());
        assertThat(asked).isEmpty();
    }
}
