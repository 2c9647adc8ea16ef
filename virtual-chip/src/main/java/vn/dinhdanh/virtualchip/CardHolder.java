package vn.dinhdanh.virtualchip;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What a CCCD card says about its holder: the data the virtual chip writes into DG1 and DG13.
 * Synthetic data only; {@link #toString()} still masks the number, as for real citizens.
 *
 * @param idNumber the 12-digit personal identification number (also the card number)
 */
public record CardHolder(String idNumber, String fullName, LocalDate dateOfBirth, Sex sex, String nationality,
                         String ethnicity, String religion, String placeOfOrigin, String placeOfResidence,
                         LocalDate cardIssueDate, LocalDate cardExpiryDate) {

    public CardHolder {
        Objects.requireNonNull(idNumber, "idNumber");
        if (!idNumber.matches("[0-9]{12}")) {
            throw new IllegalArgumentException("the ID number has 12 digits");
        }
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(dateOfBirth, "dateOfBirth");
        Objects.requireNonNull(sex, "sex");
        Objects.requireNonNull(cardIssueDate, "cardIssueDate");
        // Null: a card without expiry ("Không thời hạn"), issued at 58 or older (DataGroups writes what such a card carries).
    }

    /** A woman born in 1955 whose card, issued on 1 July 2021 at 66, has no expiry date. */
    public static CardHolder sampleWithoutExpiry() {
        return new CardHolder("001155012346", "Trần Thị Bình", LocalDate.of(1955, 8, 20), Sex.FEMALE, "Việt Nam",
                "Kinh", "Không", "Xã Đông Hội, Huyện Đông Anh, Hà Nội",
                "Số 1 Phố Huế, Phường Hàng Bài, Quận Hoàn Kiếm, Hà Nội",
                LocalDate.of(2021, 7, 1), null);
    }

    /** True for a card issued at 58 or older: no expiry date. */
    public boolean withoutExpiry() {
        return cardExpiryDate == null;
    }

    /** A man born in Hà Nội in 1990, card issued 1 July 2021, valid until his 40th birthday. */
    public static CardHolder sample() {
        return new CardHolder("001090012345", "Nguyễn Văn An", LocalDate.of(1990, 3, 15), Sex.MALE, "Việt Nam",
                "Kinh", "Không", "Xã Đông Hội, Huyện Đông Anh, Hà Nội",
                "Số 1 Phố Huế, Phường Hàng Bài, Quận Hoàn Kiếm, Hà Nội",
                LocalDate.of(2021, 7, 1), LocalDate.of(2030, 3, 15));
    }

    /** The same holder with another card: issued on {@code issueDate} (an older, replaced card; a newer one). */
    public CardHolder withCardIssueDate(LocalDate issueDate) {
        return new CardHolder(idNumber, fullName, dateOfBirth, sex, nationality, ethnicity, religion, placeOfOrigin,
                placeOfResidence, issueDate, cardExpiryDate);
    }

    /** The MRZ document number: the last 9 digits of the ID number. */
    public String documentNumber() {
        return idNumber.substring(3);
    }

    public CardHolder withFullName(String name) {
        return new CardHolder(idNumber, name, dateOfBirth, sex, nationality, ethnicity, religion, placeOfOrigin,
                placeOfResidence, cardIssueDate, cardExpiryDate);
    }

    public CardHolder withCardDates(LocalDate issue, LocalDate expiry) {
        return new CardHolder(idNumber, fullName, dateOfBirth, sex, nationality, ethnicity, religion, placeOfOrigin,
                placeOfResidence, issue, expiry);
    }

    public CardHolder withDateOfBirth(LocalDate birth) {
        return new CardHolder(idNumber, fullName, birth, sex, nationality, ethnicity, religion, placeOfOrigin,
                placeOfResidence, cardIssueDate, cardExpiryDate);
    }

    @Override
    public String toString() {
        return "CardHolder[" + idNumber.substring(0, 3) + "*******" + idNumber.substring(10) + "]";
    }
}
