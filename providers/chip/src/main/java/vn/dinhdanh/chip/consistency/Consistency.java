package vn.dinhdanh.chip.consistency;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import vn.dinhdanh.chip.lds.ChipIdentity;
import vn.dinhdanh.chip.lds.LdsContent;

/** The data checks that follow passive authentication: the card against itself, the calendar and the registry. */
public final class Consistency {

    private static final DateTimeFormatter MRZ_DATE = DateTimeFormatter.ofPattern("yyMMdd");

    private Consistency() {
    }

    /**
     * A Vietnamese identity card: DG1's issuing state is VNM and its document code an identity card's
     * ("I..."). A genuine foreign document (its CSCA trusted too, as from a global master list) is no CCCD.
     */
    public static boolean vietnameseIdCard(LdsContent content) {
        String code = content.mrzDocumentCode() == null ? "" : content.mrzDocumentCode().replace("<", "").strip();
        String state = content.mrzIssuingState() == null ? "" : content.mrzIssuingState().replace("<", "").strip();
        return "VNM".equals(state) && code.startsWith("I");
    }

    /**
     * DG1 and DG13 describe one card: the MRZ document number is the last 9 digits of DG13's ID number and
     * both give the same date of birth. Both are signed, so a disagreement is a misissued or forged card.
     */
    public static boolean chipAgrees(LdsContent content) {
        ChipIdentity identity = content.identity();
        return identity.idNumber().substring(3).equals(content.mrzDocumentNumber())
                && MRZ_DATE.format(identity.dateOfBirth()).equals(content.mrzDateOfBirth());
    }

    /**
     * A card is renewed at 25, 40 and 60; one issued within two years before 60 is valid "until the next
     * renewal age", which there is not: a card issued at 58 or older has no expiry (Luật Căn cước công dân
     * 2014 art. 21; Luật Căn cước 2023 art. 21).
     */
    public static final int NO_EXPIRY_FROM_AGE = 58;

    /**
     * Expired once the printed date has passed: "có giá trị đến" (valid until) includes that day. A card
     * without any expiry date does not expire, but only when the law allows one: issued (DG13's issue date
     * is required then) to a holder of {@value #NO_EXPIRY_FROM_AGE} or older. Any other card without an
     * expiry date counts as expired, never as valid forever.
     */
    public static boolean expired(ChipIdentity identity, LocalDate today) {
        if (identity.expiryDate() == null) {
            return identity.issueDate() == null
                    || identity.issueDate().isBefore(identity.dateOfBirth().plusYears(NO_EXPIRY_FROM_AGE));
        }
        return today.isAfter(identity.expiryDate());
    }

    /** The registry's person is the card's holder: same number, name, date of birth and sex. */
    public static boolean registryAgrees(ChipIdentity identity, RegistryPerson person) {
        return identity.idNumber().equals(person.idNumber())
                && sameName(identity.fullName(), person.fullName())
                && identity.dateOfBirth().equals(person.dateOfBirth())
                && identity.sex() == person.sex();
    }

    /** Names compare after Unicode normalisation (NFC), case folding and collapsing of spaces, nothing more. */
    static boolean sameName(String a, String b) {
        return normalize(a).equals(normalize(b));
    }

    private static String normalize(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
