package vn.dinhdanh.chip.registry;

import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import vn.dinhdanh.chip.consistency.DocumentStatus;
import vn.dinhdanh.chip.consistency.PersonLookup;
import vn.dinhdanh.chip.consistency.RegistryPerson;
import vn.dinhdanh.chip.lds.ChipIdentity;
import vn.dinhdanh.chip.lds.Sex;
import vn.dinhdanh.population.registry.LoginRefusal;
import vn.dinhdanh.population.storage.CitizenAttributes;
import vn.dinhdanh.population.storage.CitizenStatus;
import vn.dinhdanh.population.storage.Citizens;

/**
 * The registry's side of one chip verification, read live through the realm's users (the population
 * federation): the citizen under the card's number, and the card's status in the registry's card table
 * (the default {@link DocumentStatus}; the Ministry's online service replaces it in production). The user
 * is read once per verification, when the card's number is known to be genuine.
 */
public final class RegistryCitizens implements PersonLookup, DocumentStatus {

    private final KeycloakSession session;
    private final RealmModel realm;
    private String readNumber;
    private UserModel read;

    public RegistryCitizens(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** The realm's user for {@code idNumber}, or null; a registry outage propagates (registry_unavailable). */
    public UserModel user(String idNumber) {
        if (!idNumber.equals(readNumber)) {
            read = Citizens.byNumber(session, realm, idNumber);
            readNumber = idNumber;
        }
        return read;
    }

    @Override
    public Optional<RegistryPerson> find(String idNumber) {
        UserModel user = user(idNumber);
        if (user == null || user.getFirstAttribute(CitizenAttributes.ID_NUMBER) == null) {
            return Optional.empty(); // not a registry citizen (a local account named like a number is not one)
        }
        LocalDate birthDate;
        try {
            birthDate = LocalDate.parse(user.getFirstAttribute(CitizenAttributes.BIRTHDATE));
        } catch (DateTimeParseException | NullPointerException e) {
            return Optional.empty();
        }
        Sex sex = "female".equals(user.getFirstAttribute(CitizenAttributes.GENDER)) ? Sex.FEMALE : Sex.MALE;
        boolean mayAuthenticate = user.isEnabled() && refusal(user).isEmpty();
        return Optional.of(new RegistryPerson(user.getFirstAttribute(CitizenAttributes.ID_NUMBER),
                user.getFirstAttribute(CitizenAttributes.FULL_NAME), birthDate, sex, mayAuthenticate));
    }

    /** The registry's reason to refuse this citizen, as a password login gets it. */
    public Optional<LoginRefusal> refusal(UserModel user) {
        return CitizenStatus.refusal(session, realm, user);
    }

    /**
     * The registry keeps each citizen's newest card. The presented card is that card when it has the same
     * number and issue date: its status is the registry's. An older card was replaced; a card the registry
     * has not heard of (newer than its newest, or a citizen without card) is unknown.
     */
    @Override
    public Status status(ChipIdentity card, X509Certificate documentSigner) {
        UserModel user = user(card.idNumber());
        if (user == null) {
            return Status.UNKNOWN;
        }
        String number = user.getFirstAttribute(CitizenAttributes.CARD_NUMBER);
        String issued = user.getFirstAttribute(CitizenAttributes.CARD_ISSUE_DATE);
        String status = user.getFirstAttribute(CitizenAttributes.CARD_STATUS);
        if (number == null || issued == null || status == null || card.issueDate() == null
                || !number.equals(card.idNumber())) {
            return Status.UNKNOWN;
        }
        LocalDate newest = LocalDate.parse(issued);
        if (card.issueDate().isBefore(newest)) {
            return Status.REPLACED;
        }
        if (card.issueDate().isAfter(newest)) {
            return Status.UNKNOWN;
        }
        switch (status.toLowerCase(Locale.ROOT)) {
            case "active":
                return Status.VALID;
            case "revoked":
                return Status.REVOKED;
            case "replaced":
                return Status.REPLACED;
            case "lost":
                return Status.LOST;
            default:
                return Status.UNKNOWN;
        }
    }
}
