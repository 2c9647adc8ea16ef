package vn.dinhdanh.population.storage;

import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.storage.StorageId;
import org.keycloak.storage.UserStorageProvider;
import vn.dinhdanh.population.idnumber.InvalidIdNumberException;
import vn.dinhdanh.population.idnumber.PersonalIdNumber;

/** Finding a registry citizen by personal identification number, for every login method and API. */
public final class Citizens {

    private Citizens() {
    }

    /**
     * The realm's user for the citizen with this number, or null (not a well-formed number, no population
     * federation in the realm, or no such citizen). Asked of the population federation by its id: a lookup by
     * username would first query Keycloak's own users table (a local account named like a number is no citizen
     * anyway), once per request that needs the citizen. A registry outage propagates.
     */
    public static UserModel byNumber(KeycloakSession session, RealmModel realm, String idNumber) {
        PersonalIdNumber number;
        try {
            number = PersonalIdNumber.parse(idNumber);
        } catch (InvalidIdNumberException e) {
            return null;
        }
        ComponentModel registry = realm.getComponentsStream(realm.getId(), UserStorageProvider.class.getName())
                .filter(component -> PopulationUserStorageProviderFactory.PROVIDER_ID.equals(component.getProviderId()))
                .findFirst()
                .orElse(null);
        return registry == null ? null : session.users().getUserById(realm, StorageId.keycloakId(registry, number.value()));
    }
}
