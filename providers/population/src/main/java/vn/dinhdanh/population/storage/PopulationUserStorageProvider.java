package vn.dinhdanh.population.storage;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.storage.StorageId;
import org.keycloak.storage.UserStorageProvider;
import org.keycloak.storage.user.UserLookupProvider;
import org.keycloak.storage.user.UserQueryProvider;
import vn.dinhdanh.population.idnumber.InvalidIdNumberException;
import vn.dinhdanh.population.idnumber.PersonalIdNumber;
import vn.dinhdanh.population.registry.CitizenRecord;
import vn.dinhdanh.population.registry.LoginRefusal;
import vn.dinhdanh.population.registry.RegistryClient;

/**
 * Citizens, read live from the national population registry: username = the 12-digit personal
 * identification number. Nothing is imported; malformed numbers never reach the database.
 * <p>
 * Keycloak creates this provider once per {@link KeycloakSession} (one HTTP request, or one job) and asks it for
 * the same citizen several times in one login ({@code getUserById}/{@code getUserByUsername} from the flow, the
 * authenticators, the session and token code). Within that one request a number is read from the registry once:
 * the answer (a citizen, or nobody) is kept for the rest of the request, and for no longer, so every request reads
 * the registry afresh (a citizen recorded deceased is refused from the next request on).
 */
public final class PopulationUserStorageProvider implements UserStorageProvider, UserLookupProvider, UserQueryProvider {

    private final KeycloakSession session;
    private final ComponentModel model;
    private final RegistryClient registry;
    /** This request's answers, by realm id and number: never kept beyond this session. */
    private final Map<String, Optional<CitizenUser>> thisRequest = new HashMap<>();

    PopulationUserStorageProvider(KeycloakSession session, ComponentModel model, RegistryClient registry) {
        this.session = session;
        this.model = model;
        this.registry = registry;
    }

    @Override
    public UserModel getUserById(RealmModel realm, String id) {
        return getUserByUsername(realm, new StorageId(id).getExternalId());
    }

    @Override
    public UserModel getUserByUsername(RealmModel realm, String username) {
        PersonalIdNumber number;
        try {
            number = PersonalIdNumber.parse(username == null ? null : username.strip());
        } catch (InvalidIdNumberException e) {
            return null; // not a personal identification number: not ours, and no query is made
        }
        String key = realm.getId() + ":" + number.value();
        Optional<CitizenUser> known = thisRequest.get(key);
        if (known == null) {
            known = registry.find(number).map(record -> adapt(realm, record));
            thisRequest.put(key, known); // not reached when the registry cannot answer: the next ask tries again
        }
        return known.orElse(null);
    }

    @Override
    public UserModel getUserByEmail(RealmModel realm, String email) {
        return null; // the registry holds no e-mail addresses
    }

    /**
     * Admin search: a 12-digit number finds that citizen; anything else is a case-insensitive name
     * prefix, paged (at most {@link RegistryClient#MAX_PAGE} a page).
     */
    @Override
    public Stream<UserModel> searchForUserStream(RealmModel realm, Map<String, String> params, Integer first, Integer max) {
        String search = params.getOrDefault(UserModel.SEARCH,
                params.getOrDefault(UserModel.USERNAME, params.getOrDefault(UserModel.LAST_NAME, ""))).strip();
        if (search.isEmpty() || search.equals("*")) {
            return Stream.empty(); // never list the whole population
        }
        search = search.replace("*", "").strip();
        if (PersonalIdNumber.isWellFormed(search)) {
            return Stream.ofNullable(getUserByUsername(realm, search));
        }
        int from = first == null || first < 0 ? 0 : first;
        int size = max == null || max < 0 ? RegistryClient.MAX_PAGE : max;
        return registry.searchByNamePrefix(search, from, size).stream().map(record -> adapt(realm, record));
    }

    @Override
    public Stream<UserModel> getGroupMembersStream(RealmModel realm, GroupModel group, Integer first, Integer max) {
        return Stream.empty();
    }

    @Override
    public Stream<UserModel> searchForUserByUserAttributeStream(RealmModel realm, String name, String value) {
        if (CitizenAttributes.ID_NUMBER.equals(name)) {
            return Stream.ofNullable(getUserByUsername(realm, value));
        }
        return Stream.empty();
    }

    @Override
    public int getUsersCount(RealmModel realm, boolean includeServiceAccount) {
        return 0; // counting 100 million rows on an admin page view is not worth it
    }

    private CitizenUser adapt(RealmModel realm, CitizenRecord record) {
        Optional<LoginRefusal> refusal = LoginRefusal.of(Optional.of(record));
        return new CitizenUser(session, realm, model, record, refusal);
    }

    @Override
    public void close() {
    }
}
