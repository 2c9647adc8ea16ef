package vn.dinhdanh.population.idnumber;

import java.time.Year;
import java.util.Locale;

/**
 * The 12-digit personal identification number (số định danh cá nhân), also the CCCD card number:
 * digits 1-3 province of birth registration, digit 4 century and sex, digits 5-6 the last two
 * digits of the birth year, digits 7-12 random. Parsing checks the form only; whether the number
 * agrees with a record's sex and birth year is {@link #agreesWith}.
 */
public final class PersonalIdNumber {

    public static final int LENGTH = 12;

    private final String digits;

    private PersonalIdNumber(String digits) {
        this.digits = digits;
    }

    /** Rejects anything but 12 ASCII digits with a known province code, before any query is made. */
    public static PersonalIdNumber parse(String input) throws InvalidIdNumberException {
        if (input == null || input.length() != LENGTH) {
            throw new InvalidIdNumberException(InvalidIdNumberException.Code.ID_NUMBER_MALFORMED);
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = input.charAt(i);
            if (c < '0' || c > '9') { // not Character.isDigit: that accepts other scripts' digits
                throw new InvalidIdNumberException(InvalidIdNumberException.Code.ID_NUMBER_MALFORMED);
            }
        }
        if (!Provinces.isKnown(input.substring(0, 3))) {
            throw new InvalidIdNumberException(InvalidIdNumberException.Code.ID_NUMBER_UNKNOWN_PROVINCE);
        }
        return new PersonalIdNumber(input);
    }

    /** Whether {@code input} parses; for callers that only need a yes or no. */
    public static boolean isWellFormed(String input) {
        try {
            parse(input);
            return true;
        } catch (InvalidIdNumberException e) {
            return false;
        }
    }

    /** Composes a number; {@code serial} is digits 7-12. For generators and tests. */
    public static PersonalIdNumber of(String provinceCode, Sex sex, int birthYear, int serial) {
        String prefix = prefix(provinceCode, sex, birthYear);
        if (serial < 0 || serial > 999_999) {
            throw new IllegalArgumentException("serial out of range (0-999999): " + serial);
        }
        // Locale.ROOT: some default locales format %d in their own digits (Arabic-Indic, Thai, Bengali...).
        return new PersonalIdNumber(prefix + String.format(Locale.ROOT, "%06d", serial));
    }

    /**
     * Digits 1-6 of the numbers of everyone born in {@code birthYear} of {@code sex} and registered in the province:
     * the province code, the century and sex, the birth year's last two digits. For generators and tests.
     */
    public static String prefix(String provinceCode, Sex sex, int birthYear) {
        if (!Provinces.isKnown(provinceCode)) {
            throw new IllegalArgumentException("unknown province code " + provinceCode);
        }
        if (birthYear < 1900 || birthYear > 2399) {
            throw new IllegalArgumentException("birth year out of range (1900-2399): " + birthYear);
        }
        int century = (birthYear - 1900) / 100;
        int genderDigit = century * 2 + (sex == Sex.FEMALE ? 1 : 0);
        return String.format(Locale.ROOT, "%s%d%02d", provinceCode, genderDigit, birthYear % 100); // ROOT: as in of()
    }

    public String provinceCode() {
        return digits.substring(0, 3);
    }

    public Sex sex() {
        return (digits.charAt(3) - '0') % 2 == 0 ? Sex.MALE : Sex.FEMALE;
    }

    /** 1900s for digit 4 = 0/1, 2000s for 2/3, 2100s for 4/5, and so on. */
    public Year birthYear() {
        int century = (digits.charAt(3) - '0') / 2;
        return Year.of(1900 + century * 100 + Integer.parseInt(digits.substring(4, 6)));
    }

    /** A number whose digits 4-6 disagree with the record is invalid input, not a lookup miss. */
    public boolean agreesWith(Sex recordSex, Year recordBirthYear) {
        return sex() == recordSex && birthYear().equals(recordBirthYear);
    }

    public String value() {
        return digits;
    }

    /** Masked: the number is personal data. {@link #value()} gives the digits. */
    @Override
    public String toString() {
        return digits.substring(0, 3) + "*******" + digits.substring(10);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PersonalIdNumber that && digits.equals(that.digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }
}
