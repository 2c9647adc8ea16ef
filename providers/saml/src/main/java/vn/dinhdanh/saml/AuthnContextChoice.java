package vn.dinhdanh.saml;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which {@code AuthnContextClassRef} an assertion states, from the level the login earned, what the SP asked and
 * how it compared (SAML core §3.3.2.2.1). Keycloak's own mapper states the context it selected from the request,
 * so an SP asking {@code minimum loa:1} after a level-2 login would read loa:1: dinhdanh states the level earned
 * wherever the comparison lets it ({@code minimum}, {@code better}, nothing asked), and the value asked where it
 * must ({@code exact}: one of those asked; {@code maximum}: not above it). Never a level the login did not reach.
 */
final class AuthnContextChoice {

    /** How the SP compared; {@link #NONE} when its request had no {@code RequestedAuthnContext}. */
    enum Comparison {
        NONE, EXACT, MINIMUM, MAXIMUM, BETTER;

        /** SAML's attribute value ({@code exact}, {@code minimum}, …); absent with contexts means exact. */
        static Comparison parse(String value) {
            if (value == null || value.isBlank()) {
                return NONE;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return NONE;
            }
        }
    }

    private AuthnContextChoice() {
    }

    /**
     * @param earned    the login's level of assurance (Keycloak's {@code level-of-authentication}); below 0 when the
     *                  flow has no LoA conditions
     * @param selected  the context Keycloak selected from the request or the SP's minimum, or null
     * @param comparison how the SP compared
     * @param levels    context URI → level (the realm's {@code acr.loa.map} through {@code acr.uri.map})
     * @return the context to state, or empty to leave Keycloak's default ({@code unspecified})
     */
    static Optional<String> choose(int earned, String selected, Comparison comparison, Map<String, Integer> levels) {
        if (earned < 0) {
            return Optional.empty();
        }
        Integer selectedLevel = selected == null ? null : levels.get(selected);
        if (selected != null && (selectedLevel == null || selectedLevel > earned)) {
            return Optional.empty(); // the flow should have refused; never state what was not reached
        }
        if (selected != null && (comparison == Comparison.EXACT || comparison == Comparison.MAXIMUM)) {
            return Optional.of(selected);
        }
        return levels.entrySet().stream()
                .filter(e -> e.getValue() == earned)
                .map(Map.Entry::getKey)
                .sorted()
                .findFirst();
    }
}
