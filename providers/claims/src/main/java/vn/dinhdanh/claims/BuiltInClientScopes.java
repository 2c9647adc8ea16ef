package vn.dinhdanh.claims;

import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;

/**
 * Gives Keycloak's own clients of an imported realm the client scopes Keycloak itself gives them.
 *
 * <p>Why: a realm file that lists {@code clientScopes} (ours does, so that a new relying party gets the pairwise
 * subject and no personal data by default) is imported after Keycloak has created its built-in clients
 * (account console, admin console, admin CLI); they were created when the realm had no scope at all, and the
 * import adds none to them. Without {@code basic}, {@code roles} and {@code profile} the account console's tokens
 * carry neither {@code sub} nor the {@code manage-account} role. Keycloak's export would list these clients with
 * their scopes, but listing the {@code account} client in the file makes Keycloak skip creating its roles, so
 * this restores exactly what a fresh realm has instead. Clients that already have a scope are left alone.</p>
 */
final class BuiltInClientScopes {

    private static final Logger LOG = Logger.getLogger(BuiltInClientScopes.class);

    /** Keycloak's own clients, which always see the real user id (never the pairwise subject). */
    static final List<String> CLIENTS = List.of(Constants.ACCOUNT_MANAGEMENT_CLIENT_ID, Constants.ACCOUNT_CONSOLE_CLIENT_ID,
            Constants.ADMIN_CLI_CLIENT_ID, Constants.ADMIN_CONSOLE_CLIENT_ID);

    /** What a fresh Keycloak 26.7 realm gives them (default, then optional). */
    static final List<String> DEFAULT_SCOPES = List.of("basic", "acr", "roles", "web-origins", "profile", "email");
    static final List<String> OPTIONAL_SCOPES = List.of("offline_access", "address", "phone", "microprofile-jwt", "organization");

    private BuiltInClientScopes() {
    }

    static void restore(RealmModel realm) {
        for (String clientId : CLIENTS) {
            ClientModel client = realm.getClientByClientId(clientId);
            if (client == null || !client.getClientScopes(true).isEmpty() || !client.getClientScopes(false).isEmpty()) {
                continue;
            }
            client.addClientScopes(scopes(realm, DEFAULT_SCOPES), true);
            client.addClientScopes(scopes(realm, OPTIONAL_SCOPES), false);
            LOG.debugf("realm %s: Keycloak's client scopes given to built-in client %s", realm.getName(), clientId);
        }
    }

    private static java.util.Set<ClientScopeModel> scopes(RealmModel realm, List<String> names) {
        return realm.getClientScopesStream()
                .filter(scope -> names.contains(scope.getName()) && Objects.equals("openid-connect", scope.getProtocol()))
                .collect(java.util.stream.Collectors.toSet());
    }
}
