package vn.dinhdanh.population.registry;

import java.util.Locale;
import java.util.Optional;

/**
 * Why a registry record may not log in: the "correct, complete, clean, alive" rule. Codes are
 * stable forever: they are event reasons and message keys ({@code dinhdanh.population.<code>}).
 */
public enum LoginRefusal {
    /** No record with that number. */
    CITIZEN_UNKNOWN,
    /** Recorded as deceased. */
    CITIZEN_DECEASED,
    /** Blocked by the registry. */
    CITIZEN_BLOCKED,
    /** The newest card was revoked. */
    CARD_REVOKED,
    /** The newest card was reported lost and not replaced yet. */
    CARD_LOST,
    /** Digits 4-6 of the number disagree with the record's sex or birth year: not a correct record. */
    RECORD_INCONSISTENT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String messageKey() {
        return "dinhdanh.population." + code();
    }

    /**
     * The refusal for the record {@code found}, if any. An expired card does not refuse a login: the identity
     * stays valid while the card is renewed (the chip login, which presents the card, refuses it).
     */
    public static Optional<LoginRefusal> of(Optional<CitizenRecord> found) {
        if (found.isEmpty()) {
            return Optional.of(CITIZEN_UNKNOWN);
        }
        CitizenRecord record = found.get();
        if (!record.idNumber().agreesWith(record.sex(), java.time.Year.of(record.birthDate().getYear()))) {
            return Optional.of(RECORD_INCONSISTENT);
        }
        if (record.deceased()) {
            return Optional.of(CITIZEN_DECEASED);
        }
        if (record.blocked()) {
            return Optional.of(CITIZEN_BLOCKED);
        }
        if (record.card() != null) {
            switch (record.card().status()) {
                case REVOKED:
                    return Optional.of(CARD_REVOKED);
                case LOST:
                    return Optional.of(CARD_LOST);
                default:
                    break;
            }
        }
        return Optional.empty();
    }
}
