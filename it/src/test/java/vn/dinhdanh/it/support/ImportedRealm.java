package vn.dinhdanh.it.support;

import java.net.http.HttpResponse;
import vn.dinhdanh.sandbox.Sandbox;

/**
 * The realm as the server imported it from the realm file, exported once right after the server started, before
 * any test changed it (tests share one server, and many add clients or change settings).
 *
 * @param export Keycloak's partial export of the realm, with its clients, groups and roles (JSON)
 */
public record ImportedRealm(String export) {

    static ImportedRealm of(ServerUnderTest server) {
        HttpResponse<String> response = server.admin().exchange("POST",
                "/admin/realms/" + Sandbox.REALM + "/partial-export?exportClients=true&exportGroupsAndRoles=true", null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the realm's export answered HTTP " + response.statusCode());
        }
        return new ImportedRealm(response.body());
    }
}
