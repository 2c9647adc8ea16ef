package vn.dinhdanh.chip.consistency;

import java.time.LocalDate;
import java.util.Objects;
import vn.dinhdanh.chip.lds.Sex;

/**
 * The citizen the registry holds under the card's number, as the caller read it: the core compares, it
 * does not query. {@code mayAuthenticate} is the registry's status rule ("alive": not deceased, not
 * blocked), applied by the caller, which owns that rule. Personal data: {@link #toString()} masks the number.
 */
public record RegistryPerson(String idNumber, String fullName, LocalDate dateOfBirth, Sex sex,
                             boolean mayAuthenticate) {

    /** A citizen the registry lets authenticate. */
    public RegistryPerson(String idNumber, String fullName, LocalDate dateOfBirth, Sex sex) {
        this(idNumber, fullName, dateOfBirth, sex, true);
    }

    /** @param mayAuthenticate false when the registry refuses the citizen (deceased, blocked, ...) */
    public RegistryPerson {
        Objects.requireNonNull(idNumber, "idNumber");
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(dateOfBirth, "dateOfBirth");
        Objects.requireNonNull(sex, "sex");
    }

    @Override
    public String toString() {
        return "RegistryPerson[" + (idNumber.length() == 12
                ? idNumber.substring(0, 3) + "*******" + idNumber.substring(10) : "?") + "]";
    }
}
