package vn.dinhdanh.population.storage;

import java.util.Optional;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.storage.StorageId;
import vn.dinhdanh.population.idnumber.InvalidIdNumberException;
import vn.dinhdanh.population.idnumber.PersonalIdNumber;
import vn.dinhdanh.population.registry.LoginRefusal;
import vn.dinhdanh.population.registry.RegistryClient;

/**
 * The registry's verdict on a user at this moment, never from a cache: a citizen adapter built in
 * this request already carries it; any other model of a citizen (e.g. wrapped by a user cache an
 * operator turned on) is checked with a fresh registry read.
 */
public final class CitizenStatus {

    private CitizenStatus() {
    }

    /** Empty for users that are not citizens of this realm's registry, or that may log in. */
    public static Optional<LoginRefusal> refusal(KeycloakSession session, RealmModel realm, UserModel user) {
        if (user instanceof CitizenUser citizen) {
            return citizen.refusal(); // read from the registry in this very request: asking again is a wasted query
        }
        String componentId = StorageId.providerId(user.getId());
        if (componentId == null) {
            return Optional.empty();
        }
        ComponentModel component = realm.getComponent(componentId);
        if (component == null || !PopulationUserStorageProviderFactory.PROVIDER_ID.equals(component.getProviderId())) {
            return Optional.empty();
        }
        PersonalIdNumber number;
        try {
            number = PersonalIdNumber.parse(StorageId.externalId(user.getId()));
        } catch (InvalidIdNumberException e) {
            return Optional.of(LoginRefusal.CITIZEN_UNKNOWN);
        }
        RegistryClient registry = new RegistryClient(RegistryConnections.of(session,
                component.get(PopulationUserStorageProviderFactory.PERSISTENCE_UNIT,
                        PopulationUserStorageProviderFactory.DEFAULT_PERSISTENCE_UNIT)));
        return LoginRefusal.of(registry.find(number));
    }
}
