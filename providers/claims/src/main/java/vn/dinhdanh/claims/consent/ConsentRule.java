package vn.dinhdanh.claims.consent;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The realm's consent rule (Decree 13/2023: consent that names the data items and the purpose), free of Keycloak
 * types so that it can be tested alone.
 *
 * <ul>
 *   <li>Every relying party that can log a citizen in (browser code flow, implicit flow, SAML, CIBA) shows the consent
 *   page, whatever its registration says: at registration and at every update consent is switched on; a client whose
 *   consent was switched off another way (a realm import, the database) is refused at each login request.</li>
 *   <li>Such a relying party states its purpose ({@value #PURPOSE}) when it is registered; a SAML service provider also
 *   names the data items it receives ({@value #CONSENT_TEXT}), since it asks for no scopes that could name them.</li>
 *   <li>Exempt: Keycloak's own clients (the account console, the admin console) and clients that declare
 *   {@value #FIRST_PARTY}{@code =true} (the VNeID app, the data tracker), which are the identity provider itself.</li>
 * </ul>
 */
public final class ConsentRule {

    public static final String PURPOSE = "dinhdanh.purpose";
    public static final String FIRST_PARTY = "dinhdanh.first-party";
    public static final String DISPLAY_ON_CONSENT = "display.on.consent.screen";
    public static final String CONSENT_TEXT = "consent.screen.text";
    public static final String CIBA_GRANT = "oidc.ciba.grant.enabled";

    /** Keycloak's own clients of every realm (org.keycloak.models.Constants), never a relying party. */
    static final Set<String> KEYCLOAK_CLIENTS = Set.of("account", "account-console", "admin-cli", "broker",
            "realm-management", "security-admin-console");

    /** Stable codes in the {@code error_description} of a refused registration or login request. */
    public enum Refusal {
        purpose_required("the client attribute " + PURPOSE + " must state why the relying party processes citizen data"),
        consent_text_required("a SAML service provider must name the data items it receives in the attribute " + CONSENT_TEXT),
        consent_not_enabled("this relying party does not show the consent page; the realm's consent policy refuses its logins");

        private final String explanation;

        Refusal(String explanation) {
            this.explanation = explanation;
        }

        /** {@code code: explanation}, for the protocol's error description. */
        public String description() {
            return name() + ": " + explanation;
        }
    }

    /** What the rule needs to know of a client, proposed or stored. Null flags are the protocol's defaults. */
    public record Client(String clientId, String protocol, Boolean standardFlow, Boolean implicitFlow,
                         Boolean consentRequired, Map<String, String> attributes) {

        public Client {
            attributes = attributes == null ? Map.of() : attributes;
        }

        boolean saml() {
            return "saml".equals(protocol);
        }

        boolean exempt() {
            return clientId != null && KEYCLOAK_CLIENTS.contains(clientId) || "true".equals(attributes.get(FIRST_PARTY));
        }

        /** Can log a citizen in and so receive citizen data: not a machine-only client (client credentials). */
        boolean logsCitizensIn() {
            return saml() || !Boolean.FALSE.equals(standardFlow) || Boolean.TRUE.equals(implicitFlow)
                    || "true".equals(attributes.get(CIBA_GRANT));
        }

        private boolean has(String attribute) {
            String value = attributes.get(attribute);
            return value != null && !value.isBlank();
        }
    }

    private ConsentRule() {
    }

    /** Whether a registration or update must switch consent on (and, for SAML, show the client's own items). */
    public static boolean forcesConsent(Client proposed) {
        return !proposed.exempt() && proposed.logsCitizensIn();
    }

    /** Why a registration or update is refused, if it is. */
    public static Optional<Refusal> checkRegistration(Client proposed) {
        if (!forcesConsent(proposed)) {
            return Optional.empty();
        }
        if (!proposed.has(PURPOSE)) {
            return Optional.of(Refusal.purpose_required);
        }
        if (proposed.saml() && !proposed.has(CONSENT_TEXT)) {
            return Optional.of(Refusal.consent_text_required);
        }
        return Optional.empty();
    }

    /** Why a login request of a stored client is refused, if it is. */
    public static Optional<Refusal> checkLogin(Client stored) {
        if (stored.exempt() || Boolean.TRUE.equals(stored.consentRequired())) {
            return Optional.empty();
        }
        return Optional.of(Refusal.consent_not_enabled);
    }
}
