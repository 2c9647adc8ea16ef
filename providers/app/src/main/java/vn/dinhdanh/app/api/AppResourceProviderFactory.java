package vn.dinhdanh.app.api;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;
import vn.dinhdanh.app.device.AppAttest;
import vn.dinhdanh.app.device.AttestationPolicy;
import vn.dinhdanh.app.device.TrustAnchors;
import vn.dinhdanh.app.push.PushChallenges;
import vn.dinhdanh.chip.waiting.ClusterWaiters;

/** {@code /realms/{realm}/app}, configured with {@code --spi-realm-restapi-extension--app--<option>} (README "Configuration"). */
public final class AppResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String ID = "app";

    private AppSettings settings;
    /** This node's waiting login pages (node-local by nature; what they wait for is in the cluster-wide store). */
    private final ClusterWaiters waiters = new ClusterWaiters(PushChallenges.WAKEUPS, "app");

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        AppResource resource = new AppResource(session, settings, waiters);
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return resource;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
        String rpId = config.get("rp-id", "");
        Set<String> origins = Arrays.stream(config.get("origins", "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        int pushLifetime = Math.min(120, Math.max(10, config.getInt("push-lifetime", 120)));
        // An unreadable anchor file stops the start: enrolment must not silently trust less (or more) than configured.
        List<java.nio.file.Path> anchorFiles = Arrays.stream(config.get("attestation-trust-anchors", "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).map(java.nio.file.Path::of).toList();
        AttestationPolicy attestation = AttestationPolicy.of(config.getBoolean("allow-none-attestation", false),
                config.getBoolean("allow-self-attestation", false), TrustAnchors.fromPemFiles(anchorFiles));
        List<String> appAttestAppIds = Arrays.stream(config.get("app-attest-app-ids", "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        settings = new AppSettings(rpId.isBlank() ? null : rpId, origins, attestation,
                Duration.ofSeconds(config.getInt("enrolment-code-lifetime", 900)), Duration.ofSeconds(pushLifetime),
                Math.max(1, config.getInt("pushes-per-minute", 5)), Math.max(1, config.getInt("pushes-per-address-per-minute", 20)),
                config.get("app-client-id", "vneid-app"),
                appAttestAppIds.isEmpty() ? null : AppAttest.apple(!"development".equals(config.get("app-attest-environment", "production")),
                        Clock.systemUTC()),
                appAttestAppIds, Clock.systemUTC());
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("rp-id").type(ProviderConfigProperty.STRING_TYPE).defaultValue("")
                .helpText("WebAuthn relying party id of device keys (default: the server's host name)").add()
                .property().name("origins").type(ProviderConfigProperty.STRING_TYPE).defaultValue("")
                .helpText("Comma-separated origins the app's client data may name besides the server's (e.g. android:apk-key-hash:...)").add()
                .property().name("allow-none-attestation").type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(false)
                .helpText("Accept device keys without attestation (the sandbox only)").add()
                .property().name("allow-self-attestation").type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(false)
                .helpText("Accept packed self-attestations (the key signs its own attestation: proves nothing of the device; the sandbox's phone)").add()
                .property().name("attestation-trust-anchors").type(ProviderConfigProperty.STRING_TYPE).defaultValue("")
                .helpText("Comma-separated PEM files of roots for certified packed and android-key attestations, besides Google's hardware attestation roots").add()
                .property().name("enrolment-code-lifetime").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(900)
                .helpText("Seconds an enrolment code issued in person stays valid").add()
                .property().name("push-lifetime").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(120)
                .helpText("Seconds a push challenge can be decided (10 to 120)").add()
                .property().name("pushes-per-minute").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(5)
                .helpText("Pushes a citizen can receive a minute (MFA fatigue)").add()
                .property().name("pushes-per-address-per-minute").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(20)
                .helpText("Pushes one network address can start a minute, whoever they are for").add()
                .property().name("app-client-id").type(ProviderConfigProperty.STRING_TYPE).defaultValue("vneid-app")
                .helpText("The VNeID app's OIDC client: only its tokens (of a login of the last 5 minutes) may enrol a device").add()
                .property().name("app-attest-app-ids").type(ProviderConfigProperty.STRING_TYPE).defaultValue("")
                .helpText("Comma-separated App IDs (<team id>.<bundle id>) of the iOS app whose Apple App Attest keys may enrol; none: iOS keys are refused").add()
                .property().name("app-attest-environment").type(ProviderConfigProperty.STRING_TYPE).defaultValue("production")
                .helpText("Apple App Attest environment of accepted keys: production or development").add()
                .build();
    }

    /** The shared settings, for the push login in the same deployment. */
    public AppSettings settings() {
        return settings;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        waiters.listen(factory);
    }

    @Override
    public void close() {
    }
}
