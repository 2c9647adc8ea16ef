package vn.dinhdanh.claims;

import java.util.Map;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;

/**
 * Names Keycloak's account clients in words a citizen reads: Keycloak names them with a message key of its own
 * ({@code ${client_account-console}}) that only its own consoles resolve, so the VNeID app, asked to approve a login
 * to the account console, would show the key raw. A name an operator changed is left alone.
 */
final class BuiltInClientNames {

    static final String ACCOUNT = "Tài khoản định danh điện tử · e-identity account";

    private static final Map<String, String> NAMES = Map.of(
            Constants.ACCOUNT_CONSOLE_CLIENT_ID, ACCOUNT,
            Constants.ACCOUNT_MANAGEMENT_CLIENT_ID, ACCOUNT);

    private BuiltInClientNames() {
    }

    static void restore(RealmModel realm) {
        NAMES.forEach((clientId, name) -> {
            ClientModel client = realm.getClientByClientId(clientId);
            if (client != null && (client.getName() == null || client.getName().equals("${client_" + clientId + "}"))) {
                client.setName(name);
            }
        });
    }
}
