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
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.ImportedRealm;
import vn.dinhdanh.it.support.ServerUnderTest;

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
 * fixture and the realm file's copies of Keycloak's flows and scopes (from a fresh realm of this Keycloak), and
 * review both diffs (docs/realm.md).
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
    void importedRealmIsUnchanged(ServerUnderTest server, ImportedRealm imported) throws Exception {
        ObjectNode realm = (ObjectNode) JSON.readTree(imported.export());
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


    /**
     * What dinhdanh changes in the Keycloak flows it keeps in the realm file: no one-time codes anywhere (an
     * OTP step, and the conditional subflow around it, off). Keyed by flow alias, then by the execution's
     * authenticator or subflow alias, the requirement the realm file gives it.
     */
    static final Map<String, Map<String, String>> CHANGED_DEFAULT_FLOWS = Map.of(
            "forms", Map.of("Browser - Conditional 2FA", "DISABLED"),
            "Browser - Conditional 2FA", Map.of("auth-otp-form", "DISABLED"),
            "direct grant", Map.of("Direct Grant - Conditional OTP", "DISABLED"),
            "Direct Grant - Conditional OTP", Map.of("direct-grant-validate-otp", "DISABLED"),
            "Reset - Conditional OTP", Map.of("reset-otp", "DISABLED"),
            "First broker login - Conditional 2FA", Map.of("auth-otp-form", "DISABLED"));

    /**
     * Keycloak's top-level flows the realm file keeps, each with all its subflows: those holding a changed flow
     * (a subflow cannot be changed in a flow Keycloak creates, and Keycloak creates a top-level flow with all its
     * subflows when its alias is missing). Every other Keycloak flow is left to Keycloak.
     */
    /** Keycloak's scopes dinhdanh makes its own: {@code acr} (its description, the level and amr mappers); the fixture checks them. */
    static final Set<String> CHANGED_DEFAULT_SCOPES = Set.of("acr");

    static final Set<String> KEPT_DEFAULT_TOP_LEVEL_FLOWS = Set.of("browser", "direct grant", "reset credentials", "first broker login");

    @Test
    @DisplayName("the Keycloak flows and scopes the realm file keeps are Keycloak's own but for the listed changes")
    void keptDefaultsAreKeycloaksOwn(ServerUnderTest server) throws Exception {
        String fresh = "stock-" + Long.toHexString(System.nanoTime());
        server.admin().post("/admin/realms", JSON.createObjectNode().put("realm", fresh).put("enabled", false), java.time.Duration.ofSeconds(60));
        JsonNode stock;
        try {
            HttpResponse<String> response = server.admin().exchange("POST", "/admin/realms/" + fresh + "/partial-export", null);
            assertThat(response.statusCode()).isEqualTo(200);
            stock = JSON.readTree(response.body());
        } finally {
            server.admin().exchange("DELETE", "/admin/realms/" + fresh, null);
        }
        SoftAssertions soft = new SoftAssertions();
        Path realmFile = Path.of(System.getProperty("dinhdanh.home"), "realm-config/dinhdanh-realm.json");
        JsonNode file = JSON.readTree(realmFile.toFile());
        if (Boolean.getBoolean("dinhdanh.realm.record")) {
            // The Keycloak flows, configs and scopes the file must keep are written from this Keycloak's own.
            file = withKeptDefaultsOf(stock, (ObjectNode) file);
            Files.writeString(realmFile, RealmFileFormat.write(file) + "\n", StandardCharsets.UTF_8);
        }

        Map<String, JsonNode> stockFlows = byKey(stock.path("authenticationFlows"), "alias");
        List<String> kept = new ArrayList<>();
        List<String> keptTopLevel = new ArrayList<>();
        for (JsonNode flow : file.path("authenticationFlows")) {
            JsonNode original = stockFlows.get(flow.path("alias").asText());
            if (original == null) {
                continue;
            }
            kept.add(flow.path("alias").asText());
            if (flow.path("topLevel").asBoolean()) {
                keptTopLevel.add(flow.path("alias").asText());
            }
            ObjectNode expected = withDinhdanhChanges(original);
            soft.assertThat(JSON.writeValueAsString(canonical(withoutDefaults(flow), List.of())))
                    .as("flow %s", flow.path("alias").asText())
                    .isEqualTo(JSON.writeValueAsString(canonical(withoutDefaults(expected), List.of())));
        }
        soft.assertThat(kept).containsAll(CHANGED_DEFAULT_FLOWS.keySet());
        soft.assertThat(keptTopLevel).as("Keycloak's top-level flows in the realm file")
                .containsExactlyInAnyOrderElementsOf(KEPT_DEFAULT_TOP_LEVEL_FLOWS);
        Map<String, JsonNode> stockConfigs = byKey(stock.path("authenticatorConfig"), "alias");
        for (JsonNode config : file.path("authenticatorConfig")) {
            JsonNode original = stockConfigs.get(config.path("alias").asText());
            if (original != null) {
                soft.assertThat(canonical(config, List.of())).as("authenticator config %s", config.path("alias").asText())
                        .isEqualTo(canonical(original, List.of()));
            }
        }
        Map<String, JsonNode> stockScopes = byKey(stock.path("clientScopes"), "name");
        // A file with client scopes gets none of Keycloak's: it must list them all (docs/realm.md).
        soft.assertThat(byKey(file.path("clientScopes"), "name").keySet()).as("client scopes of the realm file")
                .containsAll(stockScopes.keySet());
        for (JsonNode scope : file.path("clientScopes")) {
            JsonNode original = stockScopes.get(scope.path("name").asText());
            if (original != null && !CHANGED_DEFAULT_SCOPES.contains(scope.path("name").asText())) {
                soft.assertThat(JSON.writeValueAsString(canonical(scope, List.of())))
                        .as("client scope %s", scope.path("name").asText())
                        .isEqualTo(JSON.writeValueAsString(canonical(original, List.of())));
            }
        }
        soft.assertAll();
    }

    @Test
    @DisplayName("the realm file is in its layout, so that a generated part rewrites only itself")
    void realmFileLayout() throws Exception {
        String text = Files.readString(Path.of(System.getProperty("dinhdanh.home"), "realm-config/dinhdanh-realm.json"));
        assertThat(RealmFileFormat.write(JSON.readTree(text)) + "\n").isEqualTo(text);
    }

    /**
     * The realm file with Keycloak's flows (and their configs) that it keeps, and all of Keycloak's client scopes
     * (but those dinhdanh changes), taken from {@code stock}, a new realm of this Keycloak, with dinhdanh's changes
     * ({@link #CHANGED_DEFAULT_FLOWS}) applied: the file's copies are generated, never edited by hand.
     */
    private static JsonNode withKeptDefaultsOf(JsonNode stock, ObjectNode file) {
        ObjectNode out = file.deepCopy();
        Map<String, JsonNode> stockFlows = byKey(stock.path("authenticationFlows"), "alias");
        ArrayNode flows = (ArrayNode) out.path("authenticationFlows");
        for (int i = 0; i < flows.size(); i++) {
            JsonNode original = stockFlows.get(flows.get(i).path("alias").asText());
            if (original != null) {
                flows.set(i, withoutIds(withoutDefaults(withDinhdanhChanges(original))));
            }
        }
        // A kept flow not in the file yet: the top-level flow with all its subflows and their configs.
        Map<String, JsonNode> fileFlows = byKey(flows, "alias");
        Set<String> configsNeeded = new java.util.TreeSet<>();
        List<String> pending = new ArrayList<>(new java.util.TreeSet<>(KEPT_DEFAULT_TOP_LEVEL_FLOWS));
        while (!pending.isEmpty()) {
            JsonNode flow = stockFlows.get(pending.remove(0));
            if (flow == null) {
                continue;
            }
            flow.path("authenticationExecutions").forEach(e -> {
                if (e.hasNonNull("flowAlias")) {
                    pending.add(e.path("flowAlias").asText());
                }
                if (e.hasNonNull("authenticatorConfig")) {
                    configsNeeded.add(e.path("authenticatorConfig").asText());
                }
            });
            if (!fileFlows.containsKey(flow.path("alias").asText())) {
                flows.add(withoutIds(withoutDefaults(withDinhdanhChanges(flow))));
                fileFlows.put(flow.path("alias").asText(), flow);
            }
        }
        Map<String, JsonNode> stockConfigs = byKey(stock.path("authenticatorConfig"), "alias");
        ArrayNode configs = (ArrayNode) out.path("authenticatorConfig");
        Set<String> fileConfigs = byKey(configs, "alias").keySet();
        configsNeeded.stream().filter(alias -> !fileConfigs.contains(alias) && stockConfigs.containsKey(alias))
                .forEach(alias -> configs.add(withoutIds(stockConfigs.get(alias))));
        for (int i = 0; i < configs.size(); i++) {
            JsonNode original = stockConfigs.get(configs.get(i).path("alias").asText());
            if (original != null) {
                configs.set(i, withoutIds(original));
            }
        }
        ArrayNode scopes = (ArrayNode) out.path("clientScopes");
        Map<String, JsonNode> fileScopes = byKey(scopes, "name");
        for (JsonNode original : stock.path("clientScopes")) {
            String name = original.path("name").asText();
            if (CHANGED_DEFAULT_SCOPES.contains(name)) {
                continue;
            }
            if (!fileScopes.containsKey(name)) {
                scopes.add(mappersOrderedLike(JSON.createObjectNode(), withoutIds(original)));
                continue;
            }
            for (int i = 0; i < scopes.size(); i++) {
                if (name.equals(scopes.get(i).path("name").asText())) {
                    scopes.set(i, mappersOrderedLike(scopes.get(i), withoutIds(original)));
                }
            }
        }
        return out;
    }

    /**
     * {@code generated} with its protocol mappers, and each mapper's config, in the order {@code kept} lists them
     * (new ones last, by name): an export lists them in no fixed order, and the file's should not move at each rewrite.
     */
    private static JsonNode mappersOrderedLike(JsonNode kept, JsonNode generated) {
        List<String> order = new ArrayList<>();
        kept.path("protocolMappers").forEach(m -> order.add(m.path("name").asText()));
        List<JsonNode> mappers = new ArrayList<>();
        generated.path("protocolMappers").forEach(mappers::add);
        mappers.sort(Comparator.comparing((JsonNode m) -> {
            int at = order.indexOf(m.path("name").asText());
            return at < 0 ? Integer.MAX_VALUE : at;
        }).thenComparing(m -> m.path("name").asText()));
        Map<String, JsonNode> keptMappers = byKey(kept.path("protocolMappers"), "name");
        mappers.forEach(m -> {
            JsonNode keptConfig = keptMappers.getOrDefault(m.path("name").asText(), JSON.createObjectNode()).path("config");
            if (m.path("config") instanceof ObjectNode config) {
                List<String> keys = new ArrayList<>();
                keptConfig.fieldNames().forEachRemaining(keys::add);
                List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(config.properties());
                entries.sort(Comparator.comparing((Map.Entry<String, JsonNode> e) -> {
                    int at = keys.indexOf(e.getKey());
                    return at < 0 ? Integer.MAX_VALUE : at;
                }).thenComparing(Map.Entry::getKey));
                config.removeAll();
                entries.forEach(e -> config.set(e.getKey(), e.getValue()));
            }
        });
        if (generated instanceof ObjectNode object && generated.has("protocolMappers")) {
            ArrayNode sorted = object.putArray("protocolMappers");
            mappers.forEach(sorted::add);
        }
        return generated;
    }

    /** A copy of Keycloak's flow {@code stock} with dinhdanh's changes to it ({@link #CHANGED_DEFAULT_FLOWS}). */
    private static ObjectNode withDinhdanhChanges(JsonNode stock) {
        ObjectNode changed = stock.deepCopy();
        CHANGED_DEFAULT_FLOWS.getOrDefault(changed.path("alias").asText(), Map.of()).forEach((step, requirement) ->
                changed.path("authenticationExecutions").forEach(e -> {
                    if (step.equals(e.path("authenticator").asText()) || step.equals(e.path("flowAlias").asText())) {
                        ((ObjectNode) e).put("requirement", requirement);
                    }
                }));
        return changed;
    }

    /** An exported object without the ids Keycloak gives it at import. */
    private static JsonNode withoutIds(JsonNode node) {
        JsonNode out = node.deepCopy();
        stripIds(out);
        return out;
    }

    private static void stripIds(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(List.of("id", "containerId", "parentId"));
        }
        node.forEach(RealmImportIT::stripIds);
    }

    /** A flow without what an export writes and the realm file leaves out: the misspelt duplicate and a false default. */
    private static JsonNode withoutDefaults(JsonNode flow) {
        ObjectNode out = flow.deepCopy();
        out.path("authenticationExecutions").forEach(e -> {
            ObjectNode execution = (ObjectNode) e;
            execution.remove("autheticatorFlow");
            if (!execution.path("userSetupAllowed").asBoolean()) {
                execution.remove("userSetupAllowed");
            }
        });
        return out;
    }

    private static Map<String, JsonNode> byKey(JsonNode array, String key) {
        Map<String, JsonNode> out = new HashMap<>();
        array.forEach(item -> out.put(item.path(key).asText(), item));
        return out;
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
