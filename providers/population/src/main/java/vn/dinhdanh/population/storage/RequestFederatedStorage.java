package vn.dinhdanh.population.storage;

import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.storage.jpa.JpaUserFederatedStorageProvider;

/**
 * Keycloak's federated storage (the database rows it keeps for users it does not store: a citizen's e-mail,
 * locale, credentials, required actions), with each user's attributes read once per request. Keycloak reads them
 * again for nearly every question it asks of a citizen: whether the account is enabled, its locale, the user profile
 * and, at every {@code getUserById}, the "not before" time of its tokens; each was a query. One instance serves one
 * {@code KeycloakSession} (one request): every write of an attribute through it forgets that user's, and a removal of
 * a realm or a storage component forgets all. A copy is handed out each time, never what is kept.
 */
final class RequestFederatedStorage extends JpaUserFederatedStorageProvider {

    private final Map<String, MultivaluedHashMap<String, String>> attributes = new HashMap<>();

    RequestFederatedStorage(KeycloakSession session, EntityManager em) {
        super(session, em);
    }

    @Override
    public MultivaluedHashMap<String, String> getAttributes(RealmModel realm, String userId) {
        MultivaluedHashMap<String, String> read = attributes.computeIfAbsent(key(realm, userId),
                k -> super.getAttributes(realm, userId));
        MultivaluedHashMap<String, String> copy = new MultivaluedHashMap<>();
        read.forEach((name, values) -> copy.put(name, new ArrayList<>(values)));
        return copy;
    }

    @Override
    public void setAttribute(RealmModel realm, String userId, String name, List<String> values) {
        attributes.remove(key(realm, userId));
        super.setAttribute(realm, userId, name, values);
    }

    @Override
    public void setSingleAttribute(RealmModel realm, String userId, String name, String value) {
        attributes.remove(key(realm, userId));
        super.setSingleAttribute(realm, userId, name, value);
    }

    @Override
    public void removeAttribute(RealmModel realm, String userId, String name) {
        attributes.remove(key(realm, userId));
        super.removeAttribute(realm, userId, name);
    }

    @Override
    public void preRemove(RealmModel realm, UserModel user) {
        attributes.remove(key(realm, user.getId()));
        super.preRemove(realm, user);
    }

    @Override
    public void preRemove(RealmModel realm) {
        attributes.clear();
        super.preRemove(realm);
    }

    @Override
    public void preRemove(RealmModel realm, ComponentModel model) {
        attributes.clear();
        super.preRemove(realm, model);
    }

    private static String key(RealmModel realm, String userId) {
        return realm.getId() + '/' + userId;
    }
}
