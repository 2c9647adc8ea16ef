package vn.dinhdanh.chip;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dinhdanh.chip.Fixtures.CHALLENGE;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.dinhdanh.chip.consistency.DocumentStatus;
import vn.dinhdanh.chip.consistency.RegistryPerson;
import vn.dinhdanh.chip.lds.Sex;
import vn.dinhdanh.chip.verdict.CheckName;
import vn.dinhdanh.chip.verdict.ChipFailure;
import vn.dinhdanh.chip.verdict.Verdict;
import vn.dinhdanh.population.registry.CitizenRecord;
import vn.dinhdanh.virtualchip.CardHolder;
import vn.dinhdanh.virtualchip.VirtualChip;

/** Cards issued at 58 or older: "Không thời hạn" in DG13, 991231 in the MRZ. */
@DisplayName("a card without expiry")
class NoExpiryCardTest {

    private static Verdict verify(CardHolder holder, Clock clock) {
        VirtualChip chip = VirtualChip.builder(Fixtures.PKI, holder).build();
        RegistryPerson person = new RegistryPerson(holder.idNumber(), holder.fullName(), holder.dateOfBirth(),
                holder.sex() == vn.dinhdanh.virtualchip.Sex.FEMALE ? Sex.FEMALE : Sex.MALE);
        return new ChipVerifier(Fixtures.TRUST, (card, ds) -> DocumentStatus.Status.VALID, clock, ChipPolicy.DEFAULT)
                .verify(Fixtures.presentation(chip), CHALLENGE, Optional.of(person));
    }

    @Test
    @DisplayName("is valid today and in 2090, with no expiry date in its identity")
    void valid() {
        Verdict today = verify(CardHolder.sampleWithoutExpiry(), Fixtures.CLOCK);
        assertThat(today.failure()).isEmpty();
        assertThat(today.identity().orElseThrow().expiryDate()).isNull();
        assertThat(today.identity().orElseThrow().issueDate()).isEqualTo(LocalDate.of(2021, 7, 1));
        Clock later = Clock.fixed(Instant.parse("2044-06-01T00:00:00Z"), CitizenRecord.CALENDAR);
        assertThat(verify(CardHolder.sampleWithoutExpiry(), later).valid()).isTrue();
    }

    @Test
    @DisplayName("issued before 58 it is not a card the law allows: card_expired, never valid forever")
    void tooYoung() {
        CardHolder young = CardHolder.sample().withCardDates(LocalDate.of(2021, 7, 1), null);
        assertThat(verify(young, Fixtures.CLOCK).check(CheckName.CARD_VALIDITY))
                .hasValueSatisfying(c -> assertThat(c.failure()).isEqualTo(ChipFailure.CARD_EXPIRED));
    }
}
