package vn.dinhdanh.population.storage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.dinhdanh.evidence.LoginNotes;
import vn.dinhdanh.population.registry.CitizenRecord;

/**
 * The registry fields a citizen user exposes as read-only user attributes. The names are part of
 * the contract with mappers and relying parties: documented in README, never renamed. Those the login
 * evidence reads (the e-ID level, the newest card) are spelled in {@link LoginNotes}.
 */
public final class CitizenAttributes {

    public static final String ID_NUMBER = "id_number";
    public static final String FULL_NAME = "full_name";
    public static final String BIRTHDATE = "birthdate";
    public static final String GENDER = "gender";
    public static final String NATIONALITY = "nationality";
    public static final String ETHNICITY = "ethnicity";
    public static final String RELIGION = "religion";
    public static final String PLACE_OF_ORIGIN = "place_of_origin";
    public static final String PLACE_OF_RESIDENCE = "place_of_residence";
    public static final String EID_LEVEL = LoginNotes.EID_LEVEL_ATTRIBUTE;
    public static final String LIFE_STATUS = "life_status";
    public static final String BLOCKED = "blocked";
    public static final String CARD_NUMBER = LoginNotes.CARD_NUMBER_ATTRIBUTE;
    public static final String CARD_STATUS = "card_status";
    public static final String CARD_ISSUE_DATE = LoginNotes.CARD_ISSUE_DATE_ATTRIBUTE;
    public static final String CARD_EXPIRY_DATE = "card_expiry_date";
    public static final String REGISTRY_UPDATED_AT = "registry_updated_at";

    private CitizenAttributes() {
    }

    /** The attributes of {@code record}; absent values (no card, no expiry) are left out. */
    public static Map<String, List<String>> of(CitizenRecord record) {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        put(attributes, ID_NUMBER, record.idNumber().value());
        put(attributes, FULL_NAME, record.fullName());
        put(attributes, BIRTHDATE, record.birthDate().toString());
        put(attributes, GENDER, record.sex().name().toLowerCase(Locale.ROOT));
        put(attributes, NATIONALITY, record.nationality());
        put(attributes, ETHNICITY, record.ethnicity());
        put(attributes, RELIGION, record.religion());
        put(attributes, PLACE_OF_ORIGIN, record.placeOfOrigin());
        put(attributes, PLACE_OF_RESIDENCE, record.placeOfResidence());
        put(attributes, EID_LEVEL, String.valueOf(record.eidLevel()));
        put(attributes, LIFE_STATUS, record.deceased() ? "deceased" : "alive");
        put(attributes, BLOCKED, String.valueOf(record.blocked()));
        if (record.card() != null) {
            put(attributes, CARD_NUMBER, record.card().cardNumber());
            put(attributes, CARD_STATUS, record.card().status().name().toLowerCase(Locale.ROOT));
            put(attributes, CARD_ISSUE_DATE, record.card().issueDate().toString());
            if (record.card().expiryDate() != null) {
                put(attributes, CARD_EXPIRY_DATE, record.card().expiryDate().toString());
            }
        }
        put(attributes, REGISTRY_UPDATED_AT, record.updatedAt().toString());
        return attributes;
    }

    /** Family name first, as Vietnamese names are written: "Nguyễn Văn An" → Nguyễn / Văn An. */
    public static String familyName(String fullName) {
        int space = fullName.indexOf(' ');
        return space < 0 ? fullName : fullName.substring(0, space);
    }

    public static String givenNames(String fullName) {
        int space = fullName.indexOf(' ');
        return space < 0 ? "" : fullName.substring(space + 1);
    }

    private static void put(Map<String, List<String>> attributes, String name, String value) {
        if (value != null) {
            attributes.put(name, List.of(value));
        }
    }
}
