package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.sandbox.Sandbox;

/**
 * The realm as Keycloak holds it after importing {@code realm-config/dinhdanh-realm.json} (plus the sandbox's
 * overlay): every flow with its executions in order, authenticator configs, client scopes with their mappers,
 * clients with their scopes, flow bindings and attributes, roles, required actions, client policies and realm
 * settings, compared with the fixture {@code realm/dinhdanh-realm-imported.json}.
 *
 * <p>The fixture is Keycloak's partial export of the realm imported from the realm file as it was when every
 * Keycloak default flow and scope was still copied into it, normalized: ids dropped (flow bindings name the
 * flow's alias instead), lists whose order means nothing sorted, the values of the import placeholders written
 * back as {@code ${NAME}}, generated key material and the sandbox's random bank key replaced by a marker. So
 * whatever the realm file leaves to Keycloak must come out exactly as it was copied. After a deliberate change
 * to the realm (or a Keycloak upgrade) run once with {@code -Ddinhdanh.realm.record=true}, which rewrites the
 * fixture, and review its diff.
 */
@ExtendWith(DinhdanhServerExtension.class)
class RealmImportIT {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String FIXTURE = "it/src/test/resources/realm/dinhdanh-realm-imported.json";

    /** Keys that name an object in a list whose order carries no meaning. */
    private static final List<String> NAMING_KEYS = List.of("alias", "clientId", "name", "providerId");

    /** Config entries of key providers that Keycloak generates at each import. */
    private static final Set<String> GENERATED = Set.of("certificate", "privateKey", "secret", "kid", "keyUse");

    @Test
    @DisplayName("the imported realm equals the fixture: flows, scopes, clients, roles, settings (ids aside)")
    void importedRealmIsUnchanged(ServerUnderTest server) throws Exception {
        HttpResponse<String> response = server.admin().exchange("POST",
                "/admin/realms/" + Sandbox.REALM + "/partial-export?exportClients=true&exportGroupsAndRoles=true", null);
        assertThat(response.statusCode()).isEqualTo(200);
        ObjectNode realm = (ObjectNode) JSON.readTree(response.body());
        String actual = JSON.writeValueAsString(normalize(realm, server.relyingParties().realmEnvironment()));

        Path fixture = Path.of(System.getProperty("dinhdanh.home")).resolve(FIXTURE);
        if (Boolean.getBoolean("dinhdanh.realm.record")) {
            Files.createDirectories(fixture.getParent());
            Files.writeString(fixture, actual + "\n", StandardCharsets.UTF_8);
        }
        JsonNode expected = JSON.readTree(fixture.toFile());
        // Compared as indented text: a failure shows the lines that differ.
        assertThat(actual).isEqualTo(JSON.writeValueAsString(expected));
    }


    static JsonNode normalize(ObjectNode realm, Map<String, String> environment) {
        // Flow bindings hold flow ids: name the flows instead.
        Map<String, String> flowAliases = new HashMap<>();
        realm.path("authenticationFlows").forEach(f -> flowAliases.put(f.path("id").asText(), f.path("alias").asText()));
        realm.path("clients").forEach(client -> {
            JsonNode overrides = client.path("authenticationFlowBindingOverrides");
            if (overrides instanceof ObjectNode o) {
                o.properties().forEach(e -> e.setValue(new TextNode(flowAliases.getOrDefault(e.getValue().asText(), "?unknown flow"))));
            }
            if (client.path("attributes").has("jwks.string")) { // the sandbox's bank key, drawn per data directory
                ((ObjectNode) client.path("attributes")).put("jwks.string", "<sandbox key>");
            }
            if (client.path("attributes").has("client.secret.creation.time")) {
                ((ObjectNode) client.path("attributes")).put("client.secret.creation.time", "<import time>");
            }
        });
        realm.remove("keycloakVersion");
        realm.path("users").forEach(user -> ((ObjectNode) user).put("createdTimestamp", "<import time>"));
        JsonNode keyProviders = realm.path("components").path("org.keycloak.keys.KeyProvider");
        keyProviders.forEach(k -> {
            if (k.path("config") instanceof ObjectNode config) {
                GENERATED.forEach(name -> {
                    if (config.has(name)) {
                        config.set(name, JSON.createArrayNode().add("<generated>"));
                    }
                });
            }
        });
        List<Map.Entry<String, String>> placeholders = new ArrayList<>(environment.entrySet());
        placeholders.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getValue().length()).reversed());
        return canonical(realm, placeholders);
    }

    private static JsonNode canonical(JsonNode node, List<Map.Entry<String, String>> placeholders) {
        if (node instanceof ObjectNode object) {
            ObjectNode out = JSON.createObjectNode();
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            names.sort(Comparator.naturalOrder());
            for (String name : names) {
                if (name.equals("id") || name.equals("containerId") || name.equals("parentId")) {
                    continue;
                }
                out.set(name, canonical(object.get(name), placeholders));
            }
            return out;
        }
        if (node instanceof ArrayNode array) {
            List<JsonNode> items = new ArrayList<>();
            array.forEach(item -> items.add(canonical(item, placeholders)));
            if (items.stream().allMatch(JsonNode::isTextual)) {
                items.sort(Comparator.comparing(JsonNode::asText));
            } else if (items.stream().allMatch(i -> i.isObject() && namingKey(i) != null)) {
                items.sort(Comparator.comparing(RealmImportIT::sortKey));
            }
            ArrayNode out = JSON.createArrayNode();
            items.forEach(out::add);
            return out;
        }
        if (node.isTextual()) {
            String text = node.asText();
            for (Map.Entry<String, String> p : placeholders) {
                text = text.replace(p.getValue(), "${" + p.getKey() + "}");
            }
            return new TextNode(text);
        }
        return node;
    }

    private static String namingKey(JsonNode object) {
        for (String key : NAMING_KEYS) {
            if (object.hasNonNull(key)) {
                return key;
            }
        }
        return null;
    }

    private static String sortKey(JsonNode object) {
        String key = namingKey(object);
        StringBuilder out = new StringBuilder(object.path(key).asText());
        // Executions and mappers may share a name: order by everything else too, deterministically.
        Iterator<String> fields = object.fieldNames();
        while (fields.hasNext()) {
            String field = fields.next();
            if (!object.get(field).isContainerNode()) {
                out.append('\u0000').append(field).append('=').append(object.get(field).asText());
            }
        }
        return out.toString();
    }
}
