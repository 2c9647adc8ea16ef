package vn.dinhdanh.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import vn.dinhdanh.population.registry.CitizenRecord;
import vn.dinhdanh.population.storage.CitizenAttributes;
import vn.dinhdanh.sandbox.keycloak.KeycloakAdmin;

/**
 * The comparison: a realm whose users live in Keycloak's own JPA store, holding the sampled
 * citizens with the very attributes the population provider exposes, imported through Keycloak's
 * partial import (as an operator would import users).
 */
final class JpaSampleRealm {

    static final String NAME = "bench-jpa";
    private static final int BATCH = 1000;
    /** Realm attribute naming the sample (registry size, sample size, seed) the realm holds. */
    private static final String SAMPLE_ATTRIBUTE = "dinhdanhBenchSample";
    private static final ObjectMapper JSON = new ObjectMapper();

    private JpaSampleRealm() {
    }

    /**
     * Drops what an earlier run left, creates the realm and imports {@code citizens}; signs in again
     * for each batch, as an admin token outlives only a minute of importing.
     */
    static void create(Supplier<KeycloakAdmin> signIn, List<CitizenRecord> citizens, String sampleKey) {
        KeycloakAdmin admin = signIn.get();
        remove(admin);
        ObjectNode realm = JSON.createObjectNode().put("realm", NAME).put("enabled", true);
        realm.putObject("attributes").put(SAMPLE_ATTRIBUTE, sampleKey);
        admin.post("/admin/realms", realm, Duration.ofMinutes(1));
        // Keycloak's default user profile drops attributes it does not declare; keep them all.
        ObjectNode profile = (ObjectNode) admin.get("/admin/realms/" + NAME + "/users/profile");
        profile.put("unmanagedAttributePolicy", "ENABLED");
        admin.put("/admin/realms/" + NAME + "/users/profile", profile);
        for (int from = 0; from < citizens.size(); from += BATCH) {
            ObjectNode body = JSON.createObjectNode().put("ifResourceExists", "FAIL");
            ArrayNode users = body.putArray("users");
            for (CitizenRecord citizen : citizens.subList(from, Math.min(citizens.size(), from + BATCH))) {
                users.add(user(citizen));
            }
            signIn.get().post("/admin/realms/" + NAME + "/partialImport", body, Duration.ofMinutes(5));
        }
    }

    /** Whether a realm kept by an earlier run ({@code --keep}) holds exactly this sample. */
    static boolean holds(KeycloakAdmin admin, String sampleKey, int size) {
        try {
            JsonNode realm = admin.get("/admin/realms/" + NAME);
            return sampleKey.equals(realm.path("attributes").path(SAMPLE_ATTRIBUTE).asText())
                    && admin.get("/admin/realms/" + NAME + "/users/count").asInt() == size;
        } catch (RuntimeException e) {
            return false; // no such realm
        }
    }

    static void remove(KeycloakAdmin admin) {
        admin.delete("/admin/realms/" + NAME, Duration.ofMinutes(10));
    }

    private static JsonNode user(CitizenRecord citizen) {
        ObjectNode user = JSON.createObjectNode()
                .put("username", citizen.idNumber().value())
                .put("enabled", true)
                .put("firstName", CitizenAttributes.givenNames(citizen.fullName()))
                .put("lastName", CitizenAttributes.familyName(citizen.fullName()));
        ObjectNode attributes = user.putObject("attributes");
        for (Map.Entry<String, List<String>> attribute : CitizenAttributes.of(citizen).entrySet()) {
            ArrayNode values = attributes.putArray(attribute.getKey());
            attribute.getValue().forEach(values::add);
        }
        return user;
    }
}
