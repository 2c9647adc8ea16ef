package vn.dinhdanh.app.push.mobile;

import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.vault.VaultStringSecret;

/**
 * One realm's push settings: realm attributes, the keys being vault references ({@code ${vault.name}}) resolved
 * in the realm's vault. A platform with none of its attributes set is not configured (its pushes are not sent);
 * one with some set but not all, or with an unusable secret, is an {@link InvalidPushConfig}.
 */
final class RealmPushSettings {

    static final String FCM_PROJECT_ID = "dinhdanh.push.fcm.project-id";
    static final String FCM_SERVICE_ACCOUNT = "dinhdanh.push.fcm.service-account";
    static final String APNS_TEAM_ID = "dinhdanh.push.apns.team-id";
    static final String APNS_KEY_ID = "dinhdanh.push.apns.key-id";
    static final String APNS_TOPIC = "dinhdanh.push.apns.topic";
    static final String APNS_KEY = "dinhdanh.push.apns.key";
    static final String APNS_ENVIRONMENT = "dinhdanh.push.apns.environment";

    static final RealmPushSettings NONE = new RealmPushSettings(name -> null, reference -> null);

    private static final Pattern VAULT_REFERENCE = Pattern.compile("\\$\\{vault\\.[^}]+}");
    private static final Pattern PROJECT_ID = Pattern.compile("[A-Za-z0-9.:-]+");

    private final UnaryOperator<String> attributes;
    private final UnaryOperator<String> vault;

    /**
     * @param attributes a realm attribute by name (null when unset)
     * @param vault a vault reference's secret (null when the vault has none)
     */
    RealmPushSettings(UnaryOperator<String> attributes, UnaryOperator<String> vault) {
        this.attributes = attributes;
        this.vault = vault;
    }

    /**
     * The settings of the session's realm if the push is for it, else none: the vault resolves references in the
     * session's realm, so another realm's push must not borrow its secrets.
     */
    static RealmPushSettings of(KeycloakSession session, String realmName) {
        RealmModel realm = session.getContext().getRealm();
        if (realm == null || !realm.getName().equals(realmName)) {
            return NONE;
        }
        return new RealmPushSettings(realm::getAttribute, reference -> {
            try (VaultStringSecret secret = session.vault().getStringSecret(reference)) {
                return secret.get().orElse(null);
            }
        });
    }

    Optional<FcmConfig> fcm() {
        if (unset(FCM_PROJECT_ID, FCM_SERVICE_ACCOUNT)) {
            return Optional.empty();
        }
        String project = required(FCM_PROJECT_ID);
        if (!PROJECT_ID.matcher(project).matches()) {
            throw new InvalidPushConfig(FCM_PROJECT_ID + " is not a Firebase project id");
        }
        try {
            return Optional.of(new FcmConfig(project, ServiceAccount.parse(secret(FCM_SERVICE_ACCOUNT))));
        } catch (IllegalArgumentException e) {
            throw new InvalidPushConfig(FCM_SERVICE_ACCOUNT + " is not a usable service account: " + e.getMessage());
        }
    }

    Optional<ApnsConfig> apns() {
        if (unset(APNS_TEAM_ID, APNS_KEY_ID, APNS_TOPIC, APNS_KEY, APNS_ENVIRONMENT)) {
            return Optional.empty();
        }
        String environment = value(APNS_ENVIRONMENT);
        if (environment != null && !environment.equals("production") && !environment.equals("development")) {
            throw new InvalidPushConfig(APNS_ENVIRONMENT + " is neither production nor development");
        }
        String teamId = required(APNS_TEAM_ID);
        String keyId = required(APNS_KEY_ID);
        String topic = required(APNS_TOPIC);
        try {
            var key = new ApnsConfig.ProviderKey(teamId, keyId, Jwts.privateKey(secret(APNS_KEY), "EC"));
            return Optional.of(new ApnsConfig(key, topic, !"development".equals(environment)));
        } catch (IllegalArgumentException e) {
            throw new InvalidPushConfig(APNS_KEY + " is not a usable APNs key: " + e.getMessage());
        }
    }

    private boolean unset(String... names) {
        return Stream.of(names).allMatch(name -> value(name) == null);
    }

    private String value(String name) {
        String value = attributes.apply(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private String required(String name) {
        String value = value(name);
        if (value == null) {
            throw new InvalidPushConfig(name + " is not set");
        }
        return value;
    }

    private String secret(String name) {
        String reference = required(name);
        if (!VAULT_REFERENCE.matcher(reference).matches()) {
            throw new InvalidPushConfig(name + " must be a vault reference (${vault.<name>}), not the secret itself");
        }
        String secret = vault.apply(reference);
        if (secret == null || secret.isBlank()) {
            throw new InvalidPushConfig(name + " names a secret the realm's vault does not have");
        }
        return secret;
    }
}
