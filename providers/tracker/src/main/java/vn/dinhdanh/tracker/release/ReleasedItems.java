package vn.dinhdanh.tracker.release;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.keycloak.util.JsonSerialization;

/**
 * The personal-data items a token actually carries: its claim names, as serialised, minus the protocol's own
 * claims (issuer, audience, times, session ids, nonces, hashes, scope, roles, key binding). Nothing is guessed
 * from configuration: a claim some mapper added is an item; a scope that added nothing adds no item. {@code sub}
 * is an item (an identifier of the citizen at this relying party), and so is {@code preferred_username}.
 */
final class ReleasedItems {

    /** Claims about the token, not about the citizen (RFC 7519, OIDC Core, RFC 9449, Keycloak's own). */
    static final Set<String> PROTOCOL_CLAIMS = Set.of("iss", "aud", "exp", "iat", "nbf", "jti", "typ", "azp", "sid",
            "session_state", "nonce", "at_hash", "c_hash", "s_hash", "auth_time", "acr", "amr", "scope", "allowed-origins",
            "realm_access", "resource_access", "cnf", "trusted-certs", "authorization", "client_id", "state_checker");

    private ReleasedItems() {
    }

    static Set<String> of(Object token) {
        JsonNode json = JsonSerialization.mapper.valueToTree(token);
        Set<String> items = new TreeSet<>();
        for (Iterator<java.util.Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            java.util.Map.Entry<String, JsonNode> claim = it.next();
            if (!claim.getValue().isNull() && !PROTOCOL_CLAIMS.contains(claim.getKey())) {
                items.add(claim.getKey());
            }
        }
        return items;
    }
}
