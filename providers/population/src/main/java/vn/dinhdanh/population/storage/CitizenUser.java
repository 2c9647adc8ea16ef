package vn.dinhdanh.population.storage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.storage.ReadOnlyException;
import org.keycloak.storage.adapter.AbstractUserAdapterFederatedStorage;
import vn.dinhdanh.population.registry.CitizenRecord;
import vn.dinhdanh.population.registry.LoginRefusal;

/**
 * A citizen as a Keycloak user: identity and registry fields read-only from the registry record,
 * IdP-local data (credentials, required actions, e-mail the citizen gives us) in Keycloak's
 * federated storage. Disabled whenever the registry refuses the record.
 */
public final class CitizenUser extends AbstractUserAdapterFederatedStorage.Streams {

    private final CitizenRecord record;
    private final Optional<LoginRefusal> refusal;
    private final Map<String, List<String>> registryAttributes;

    CitizenUser(KeycloakSession session, RealmModel realm, ComponentModel model, CitizenRecord record,
                Optional<LoginRefusal> refusal) {
        super(session, realm, model);
        this.record = record;
        this.refusal = refusal;
        Map<String, List<String>> attributes = new HashMap<>(CitizenAttributes.of(record));
        attributes.put(UserModel.USERNAME, List.of(record.idNumber().value()));
        attributes.put(UserModel.FIRST_NAME, List.of(CitizenAttributes.givenNames(record.fullName())));
        attributes.put(UserModel.LAST_NAME, List.of(CitizenAttributes.familyName(record.fullName())));
        this.registryAttributes = Map.copyOf(attributes);
    }

    /** Why the registry refuses this citizen now, if it does. */
    public Optional<LoginRefusal> refusal() {
        return refusal;
    }

    public CitizenRecord record() {
        return record;
    }

    @Override
    public String getUsername() {
        return record.idNumber().value();
    }

    @Override
    public void setUsername(String username) {
        throw new ReadOnlyException("the username is the personal identification number, owned by the registry");
    }

    @Override
    public boolean isEnabled() {
        return refusal.isEmpty() && super.isEnabled();
    }

    @Override
    public Long getCreatedTimestamp() {
        return null;
    }

    @Override
    public String getFirstAttribute(String name) {
        List<String> values = registryAttributes.get(name);
        return values != null ? values.get(0) : federatedAttributes().getFirst(mapAttribute(name));
    }

    @Override
    public Stream<String> getAttributeStream(String name) {
        List<String> values = registryAttributes.get(name);
        if (values == null) {
            values = federatedAttributes().get(mapAttribute(name));
        }
        return values == null ? Stream.empty() : values.stream();
    }

    @Override
    public Map<String, List<String>> getAttributes() {
        Map<String, List<String>> attributes = new HashMap<>(federatedAttributes());
        // As Keycloak's federated adapter names them: its storage keys for the three profile fields.
        attributes.put(UserModel.FIRST_NAME, single(attributes.remove(FIRST_NAME_ATTRIBUTE)));
        attributes.put(UserModel.LAST_NAME, single(attributes.remove(LAST_NAME_ATTRIBUTE)));
        attributes.put(UserModel.EMAIL, single(attributes.remove(EMAIL_ATTRIBUTE)));
        attributes.putAll(registryAttributes);
        return attributes;
    }

    private static List<String> single(List<String> values) {
        List<String> first = new ArrayList<>(1);
        first.add(values != null && !values.isEmpty() ? values.get(0) : null);
        return first;
    }

    /**
     * The citizen's own attributes in federated storage, a new map of new lists at each call (read once per request:
     * {@link RequestFederatedStorage}). A value set to null stays a null (e.g. an e-mail removed).
     */
    private MultivaluedHashMap<String, String> federatedAttributes() {
        MultivaluedHashMap<String, String> read = getFederatedStorage().getAttributes(realm, getId());
        return read != null ? read : new MultivaluedHashMap<>();
    }

    @Override
    public void setSingleAttribute(String name, String value) {
        if (isRegistryOwned(name, value == null ? List.of() : List.of(value))) {
            return;
        }
        super.setSingleAttribute(name, value);
    }

    @Override
    public void setAttribute(String name, List<String> values) {
        if (isRegistryOwned(name, values)) {
            return;
        }
        super.setAttribute(name, values);
    }

    @Override
    public void removeAttribute(String name) {
        if (registryAttributes.containsKey(name)) {
            throw new ReadOnlyException("attribute " + name + " is owned by the registry");
        }
        super.removeAttribute(name);
    }

    @Override
    public void setFirstName(String firstName) {
        setSingleAttribute(UserModel.FIRST_NAME, firstName);
    }

    @Override
    public void setLastName(String lastName) {
        setSingleAttribute(UserModel.LAST_NAME, lastName);
    }

    /**
     * Registry-owned attributes cannot change here. Writing back the registry's own value is a no-op
     * (profile forms submit every attribute); any other value is refused.
     */
    private boolean isRegistryOwned(String name, List<String> values) {
        List<String> owned = registryAttributes.get(name);
        if (owned == null) {
            return false;
        }
        if (!owned.equals(values)) {
            throw new ReadOnlyException("attribute " + name + " is owned by the registry");
        }
        return true;
    }

    @Override
    public String toString() {
        return "CitizenUser[" + record.idNumber() + "]";
    }
}
