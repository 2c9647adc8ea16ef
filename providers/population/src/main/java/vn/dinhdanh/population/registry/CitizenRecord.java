package vn.dinhdanh.population.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import vn.dinhdanh.population.idnumber.PersonalIdNumber;
import vn.dinhdanh.population.idnumber.Sex;

/**
 * A citizen as the registry holds it now, with the newest card (or none). Personal data: never
 * logged; {@link #toString()} shows the masked number only.
 */
public record CitizenRecord(PersonalIdNumber idNumber, String fullName, LocalDate birthDate, Sex sex,
                            String nationality, String ethnicity, String religion, String placeOfOrigin,
                            String placeOfResidence, int eidLevel, boolean deceased, boolean blocked,
                            Instant updatedAt, Card card) {

    /**
     * The registry's dates (birth, a card's issue and expiry) are days of Vietnam's calendar, wherever the
     * server's clock and the database's session zone are set.
     */
    public static final ZoneId CALENDAR = ZoneId.of("Asia/Ho_Chi_Minh");

    /** The newest card. {@code expiryDate} is null for cards without expiry. */
    public record Card(String cardNumber, LocalDate issueDate, LocalDate expiryDate, CardStatus status) {

        /** "Có giá trị đến" (valid until) includes the printed day, as the chip check counts it. */
        public boolean expiredOn(LocalDate day) {
            return expiryDate != null && day.isAfter(expiryDate);
        }

        /** When the issue day ends in Vietnam: what was bound before then may have been bound under an older card. */
        public Instant issueDayEnd() {
            return issueDate.plusDays(1).atStartOfDay(CALENDAR).toInstant();
        }
    }

    public enum CardStatus {
        ACTIVE, REVOKED, REPLACED, LOST;

        static CardStatus of(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    @Override
    public String toString() {
        return "CitizenRecord[" + idNumber + "]";
    }
}
