package vn.dinhdanh.population.freshness;

import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import vn.dinhdanh.population.registry.CitizenRecord;
import vn.dinhdanh.population.registry.LoginRefusal;

/**
 * A change of a citizen's registry record, as the change feed reports it, published on the
 * {@code KeycloakSessionFactory} once cluster-wide, inside the transaction that moves the feed's
 * position past it (a listener that writes commits with the position, or not at all). The record
 * and the verdict are the registry's state when the feed entry is processed, not a diff: a
 * listener decides from the state (e.g. the newest card is lost, or newer than a device), so
 * two changes read together, or a change read late, lead to the same outcome.
 *
 * <p>Other modules subscribe in their factory's {@code postInit}
 * ({@code factory.register(event -> { if (event instanceof CitizenChanged c) ... })}); the
 * population module depends on none of them. {@link #record()} is personal data: never log it.
 *
 * @param session   the session (and transaction) of the feed's processing
 * @param citizen   the citizen as Keycloak sees it (a federated user of the population component)
 * @param record    the registry's record now
 * @param refusal   why the login rule refuses the citizen now, if it does (sessions were ended)
 * @param position  the feed entry's sequence number
 */
public record CitizenChanged(KeycloakSession session, RealmModel realm, UserModel citizen, CitizenRecord record,
                             Optional<LoginRefusal> refusal, long position) implements ProviderEvent {

    /** The citizen's newest card's status, or empty when the record has no card. */
    public Optional<CitizenRecord.CardStatus> cardStatus() {
        return Optional.ofNullable(record.card()).map(CitizenRecord.Card::status);
    }

    @Override
    public String toString() {
        return "CitizenChanged[" + position + ", " + refusal.map(LoginRefusal::code).orElse("accepted") + "]";
    }
}
