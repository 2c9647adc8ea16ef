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
     * Expired once the printed date has passed: "có giá trị đến" (valid until) includes that day. A card
     * without any expiry date (issued at 60 or older) does not expire.
     */
    public static boolean expired(ChipIdentity identity, LocalDate today) {
        return identity.expiryDate() != null && today.isAfter(identity.expiryDate());
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
