package vn.dinhdanh.chip.lds;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Who the card says its holder is: DG13's personal data, DG1's document number, DG2's portrait. Only
 * trustworthy inside a verdict that passed passive authentication. Personal data: {@link #toString()}
 * shows the masked number only.
 *
 * @param documentNumber the MRZ document number (9 digits)
 * @param expiryDate null for a card without expiry ("Không thời hạn" in DG13, 991231 in the MRZ)
 */
public record ChipIdentity(String idNumber, String documentNumber, String fullName, LocalDate dateOfBirth, Sex sex,
                           String nationality, String ethnicity, String religion, String placeOfOrigin,
                           String placeOfResidence, LocalDate issueDate, LocalDate expiryDate,
                           Optional<FaceImage> faceImage) {

    @Override
    public String toString() {
        String masked = idNumber == null || idNumber.length() != 12 ? "?"
                : idNumber.substring(0, 3) + "*******" + idNumber.substring(10);
        return "ChipIdentity[" + masked + "]";
    }
}
