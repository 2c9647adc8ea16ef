package vn.dinhdanh.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.dinhdanh.sandbox.SandboxSecrets;

/** Citizens' passwords, set as an operator would: Keycloak's federated storage (the registry holds none). */
public final class Passwords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Passwords() {
    }

    /** A fresh random password for the citizen {@code idNumber} (43 characters: within the realm's policy). */
    public static String give(ServerUnderTest server, String idNumber) {
        String password = SandboxSecrets.random();
        ObjectNode credential = JSON.createObjectNode().put("type", "password").put("value", password).put("temporary", false);
        assertThat(server.admin().put("/admin/realms/dinhdanh/users/f:population-registry:" + idNumber + "/reset-password", credential))
                .as("password set").isEqualTo(204);
        return password;
    }
}
