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
        // Cards issued at 60 or older write no date in DG13; the MRZ date (needed for BAC) still counts then.
        LocalDate expiry = Optional.ofNullable(dg13.get(layout.expiryDate())).flatMap(this::date)
                .or(() -> mrzExpiry(mrz.getDateOfExpiry())).orElse(null);
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
