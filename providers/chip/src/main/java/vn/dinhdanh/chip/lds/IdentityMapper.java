package vn.dinhdanh.chip.lds;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jmrtd.lds.icao.MRZInfo;

/** DG13's fields (numbered by the {@link Dg13Layout}) and DG1's MRZ to a {@link ChipIdentity}. */
final class IdentityMapper {

    private static final DateTimeFormatter MRZ_EXPIRY = DateTimeFormatter.ofPattern("uuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);

    /** How DG13 writes "no expiry" (NFC, lower case): the card's printed text and its older wording. */
    private static final java.util.Set<String> NO_EXPIRY_TEXTS = java.util.Set.of("không thời hạn", "vô thời hạn");
    /** How the MRZ's mandatory expiry field reads on a card without expiry. */
    private static final java.util.Set<String> NO_EXPIRY_MRZ = java.util.Set.of("991231", "<<<<<<");

    private final Dg13Layout layout;
    private final DateTimeFormatter dg13Date;

    IdentityMapper(Dg13Layout layout) {
        this.layout = layout;
        // Strict: 31/02 is not a date. "uuuu" because STRICT needs a proleptic year, not year-of-era.
        this.dg13Date = DateTimeFormatter.ofPattern(layout.datePattern().replace("yyyy", "uuuu"))
                .withResolverStyle(ResolverStyle.STRICT);
    }

    ChipIdentity identity(MRZInfo mrz, Map<Integer, String> dg13, Optional<FaceImage> face) throws MalformedLdsException {
        String idNumber = required(dg13, layout.idNumber(), "ID number");
        if (!idNumber.matches("[0-9]{12}")) {
            throw new MalformedLdsException("DG13: the ID number is not 12 digits");
        }
        String fullName = required(dg13, layout.fullName(), "full name");
        LocalDate birth = date(required(dg13, layout.dateOfBirth(), "date of birth"))
                .orElseThrow(() -> new MalformedLdsException("DG13: unreadable date of birth"));
        Sex sex = sex(required(dg13, layout.sex(), "sex"));
        LocalDate issue = Optional.ofNullable(dg13.get(layout.issueDate())).flatMap(this::date).orElse(null);
        LocalDate expiry = expiry(dg13.get(layout.expiryDate()), mrz.getDateOfExpiry());
        return new ChipIdentity(idNumber, mrz.getDocumentNumber(), fullName, birth, sex,
                dg13.get(layout.nationality()), dg13.get(layout.ethnicity()), dg13.get(layout.religion()),
                dg13.get(layout.placeOfOrigin()), dg13.get(layout.placeOfResidence()), issue, expiry, face);
    }

    private static String required(Map<Integer, String> dg13, int field, String what) throws MalformedLdsException {
        String value = dg13.get(field);
        if (value == null || value.isEmpty()) {
            throw new MalformedLdsException("DG13: no " + what + " (field " + field + ")");
        }
        return value;
    }

    private Sex sex(String value) throws MalformedLdsException {
        if (matches(layout.male(), value)) {
            return Sex.MALE;
        }
        if (matches(layout.female(), value)) {
            return Sex.FEMALE;
        }
        throw new MalformedLdsException("DG13: unknown sex value");
    }

    private static boolean matches(java.util.Set<String> values, String value) {
        String normalized = Normalizer.normalize(value, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        return values.stream().anyMatch(v -> Normalizer.normalize(v, Normalizer.Form.NFC)
                .toLowerCase(Locale.ROOT).equals(normalized));
    }

    private Optional<LocalDate> date(String value) {
        try {
            return Optional.of(LocalDate.parse(value, dg13Date));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The card's expiry, null for a card without one. DG13 decides: a date, or the printed "Không thời hạn"
     * of a card issued at 58 or older. Without a DG13 field, the MRZ's date; its 31/12/2099 ({@code 991231})
     * or an all-filler field is how a card without expiry fills the mandatory MRZ field. Anything else that
     * is not a date is malformed: an unreadable expiry must never read as "does not expire".
     */
    private LocalDate expiry(String dg13Value, String mrzValue) throws MalformedLdsException {
        if (dg13Value != null && !dg13Value.isBlank()) {
            Optional<LocalDate> date = date(dg13Value.strip());
            if (date.isPresent()) {
                return date.get();
            }
            if (NO_EXPIRY_TEXTS.contains(Normalizer.normalize(dg13Value.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT))) {
                if (mrzValue != null && !NO_EXPIRY_MRZ.contains(mrzValue)) {
                    throw new MalformedLdsException("DG13 says no expiry, the MRZ gives a date");
                }
                return null;
            }
            throw new MalformedLdsException("DG13: unreadable expiry date");
        }
        if (mrzValue != null && NO_EXPIRY_MRZ.contains(mrzValue)) {
            return null;
        }
        return mrzExpiry(mrzValue).orElseThrow(() -> new MalformedLdsException("DG1: unreadable expiry date"));
    }

    /** The MRZ's two-digit year: a card expires within this century's span of validity, so 20yy. */
    private static Optional<LocalDate> mrzExpiry(String yymmdd) {
        if (yymmdd == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(yymmdd, MRZ_EXPIRY));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
