package vn.dinhdanh.population.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CitizenRecordTest {

    private static CitizenRecord.Card issuedOn(String day) {
        return new CitizenRecord.Card("001090000001", LocalDate.parse(day), null, CitizenRecord.CardStatus.ACTIVE);
    }

    @Test
    void anIssueDayEndsAtMidnightInVietnamNotInUtc() {
        // 17:00 UTC is midnight in Vietnam (UTC+7, no daylight saving).
        assertThat(issuedOn("2026-12-05").issueDayEnd()).isEqualTo(Instant.parse("2026-12-05T17:00:00Z"));
    }

    @Test
    void aUtcEveningIsAlreadyTheNextDayInVietnam() {
        Instant boundAt = Instant.parse("2026-12-05T17:15:00Z");
        assertThat(boundAt).as("bound after a card issued on the UTC date had its day end")
                .isAfter(issuedOn("2026-12-05").issueDayEnd());
        assertThat(boundAt).as("bound on the Vietnamese issue day of a card issued that day")
                .isBefore(issuedOn("2026-12-06").issueDayEnd());
    }

    @Test
    void aCardIsValidThroughItsPrintedDay() {
        CitizenRecord.Card card = new CitizenRecord.Card("001090000001", LocalDate.parse("2020-01-01"),
                LocalDate.parse("2026-12-05"), CitizenRecord.CardStatus.ACTIVE);
        assertThat(card.expiredOn(LocalDate.parse("2026-12-05"))).isFalse();
        assertThat(card.expiredOn(LocalDate.parse("2026-12-06"))).isTrue();
    }
}
