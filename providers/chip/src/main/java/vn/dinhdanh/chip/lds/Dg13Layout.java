package vn.dinhdanh.chip.lds;

import java.util.Objects;
import java.util.Set;

/**
 * Where DG13 keeps each item, and how it writes dates and sex. The numbering is what public readers
 * decode from real cards; it is not published, so it is configuration (domain brief, "The chip card").
 */
public record Dg13Layout(int idNumber, int fullName, int dateOfBirth, int sex, int nationality, int ethnicity,
                         int religion, int placeOfOrigin, int placeOfResidence, int issueDate, int expiryDate,
                         String datePattern, Set<String> male, Set<String> female) {

    /** Fields 1-12 as in the domain brief, dates dd/mm/yyyy, sex "Nam"/"Nữ" (compared NFC, ignoring case). */
    public static final Dg13Layout DEFAULT = new Dg13Layout(1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, "dd/MM/yyyy",
            Set.of("Nam"), Set.of("Nữ"));

    public Dg13Layout {
        Objects.requireNonNull(datePattern, "datePattern");
        male = Set.copyOf(male);
        female = Set.copyOf(female);
    }
}
