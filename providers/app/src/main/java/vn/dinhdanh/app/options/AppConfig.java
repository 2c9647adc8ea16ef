package vn.dinhdanh.app.options;

import static org.keycloak.provider.ProviderConfigProperty.BOOLEAN_TYPE;
import static org.keycloak.provider.ProviderConfigProperty.INTEGER_TYPE;
import static org.keycloak.provider.ProviderConfigProperty.STRING_TYPE;
import static vn.dinhdanh.options.DeclaredOptions.bool;
import static vn.dinhdanh.options.DeclaredOptions.integer;
import static vn.dinhdanh.options.DeclaredOptions.option;
import static vn.dinhdanh.options.DeclaredOptions.string;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import vn.dinhdanh.app.api.AppSettings;
import vn.dinhdanh.app.device.AppAttest;
import vn.dinhdanh.app.device.AttestationPolicy;
import vn.dinhdanh.app.device.TrustAnchors;

/**
 * The VNeID app's options ({@code spi-dinhdanh-app--default--<option>}), each key, default and help text written
 * once: {@link #read} reads them, {@link #metadata} declares them (Keycloak's help, docs/configuration.md).
 */
public final class AppConfig {

    static final ProviderConfigProperty RP_ID = option("rp-id", STRING_TYPE, "",
            "WebAuthn relying party id of VNeID device keys; empty: the server's host name");
    static final ProviderConfigProperty ORIGINS = option("origins", STRING_TYPE, "",
            "Other origins the app's client data may name besides the server's own, comma-separated"
                    + " (e.g. android:apk-key-hash:...)");
    static final ProviderConfigProperty ALLOW_NONE_ATTESTATION = option("allow-none-attestation", BOOLEAN_TYPE, false,
            "Accept device keys without attestation (the sandbox only)");
    static final ProviderConfigProperty ALLOW_SELF_ATTESTATION = option("allow-self-attestation", BOOLEAN_TYPE, false,
            "Accept packed self-attestations: the key signs its own attestation, which proves nothing of the device"
                    + " (the sandbox's and the tests' software phone: true)");
    static final ProviderConfigProperty ATTESTATION_TRUST_ANCHORS = option("attestation-trust-anchors", STRING_TYPE, "",
            "Comma-separated PEM files of roots for certified packed and android-key attestations, besides Google's"
                    + " hardware attestation roots (built in); an unreadable file stops the start");
    static final ProviderConfigProperty ENROLMENT_CODE_LIFETIME = option("enrolment-code-lifetime", INTEGER_TYPE, 900,
            "Seconds an enrolment code issued in person stays valid");
    static final ProviderConfigProperty PUSH_LIFETIME = option("push-lifetime", INTEGER_TYPE, 120,
            "Seconds a push challenge can be decided (10 to 120)");
    static final ProviderConfigProperty PUSHES_PER_MINUTE = option("pushes-per-minute", INTEGER_TYPE, 5,
            "Pushes (and CIBA requests) a citizen can receive in any minute (MFA fatigue)");
    static final ProviderConfigProperty PUSHES_PER_ADDRESS_PER_MINUTE = option("pushes-per-address-per-minute",
            INTEGER_TYPE, 20, "Pushes one network address can start in any minute, whoever they are for");
    static final ProviderConfigProperty APP_CLIENT_ID = option("app-client-id", STRING_TYPE, "vneid-app",
            "The VNeID app's own OIDC client: only its tokens (of a login of the last 5 minutes) enrol a device from a login");
    static final ProviderConfigProperty APP_ATTEST_APP_IDS = option("app-attest-app-ids", STRING_TYPE, "",
            "Comma-separated App IDs (team ID, a dot, bundle ID) whose Apple App Attest keys may enrol; none: iOS keys are refused");
    static final ProviderConfigProperty APP_ATTEST_ENVIRONMENT = option("app-attest-environment", STRING_TYPE,
            "production", "Apple App Attest environment of accepted keys: production or development");

    private static final List<ProviderConfigProperty> ALL = List.of(RP_ID, ORIGINS, ALLOW_NONE_ATTESTATION,
            ALLOW_SELF_ATTESTATION, ATTESTATION_TRUST_ANCHORS, ENROLMENT_CODE_LIFETIME, PUSH_LIFETIME, PUSHES_PER_MINUTE,
            PUSHES_PER_ADDRESS_PER_MINUTE, APP_CLIENT_ID, APP_ATTEST_APP_IDS, APP_ATTEST_ENVIRONMENT);

    private AppConfig() {
    }

    /** Every option, in the order of the documentation. */
    public static List<ProviderConfigProperty> metadata() {
        return ALL.stream().map(AppConfig::copy).toList();
    }

    /** The settings, from {@code scope}: out-of-range values are clamped, an unreadable anchor file stops the start. */
    public static AppSettings read(Config.Scope scope) {
        String rpId = string(scope, RP_ID);
        int pushLifetime = Math.min(120, Math.max(10, integer(scope, PUSH_LIFETIME)));
        // An unreadable anchor file stops the start: enrolment must not silently trust less (or more) than configured.
        List<Path> anchorFiles = list(scope, ATTESTATION_TRUST_ANCHORS).stream().map(Path::of).toList();
        AttestationPolicy attestation = AttestationPolicy.of(bool(scope, ALLOW_NONE_ATTESTATION),
                bool(scope, ALLOW_SELF_ATTESTATION), TrustAnchors.fromPemFiles(anchorFiles));
        List<String> appAttestAppIds = list(scope, APP_ATTEST_APP_IDS);
        boolean appAttestProduction = !"development".equals(string(scope, APP_ATTEST_ENVIRONMENT));
        return new AppSettings(rpId.isBlank() ? null : rpId, Set.copyOf(list(scope, ORIGINS)), attestation,
                Duration.ofSeconds(integer(scope, ENROLMENT_CODE_LIFETIME)), Duration.ofSeconds(pushLifetime),
                Math.max(1, integer(scope, PUSHES_PER_MINUTE)), Math.max(1, integer(scope, PUSHES_PER_ADDRESS_PER_MINUTE)),
                string(scope, APP_CLIENT_ID),
                appAttestAppIds.isEmpty() ? null : AppAttest.apple(appAttestProduction, Clock.systemUTC()),
                appAttestAppIds, Clock.systemUTC());
    }

    /** Keycloak's property objects are mutable: callers get their own. */
    private static ProviderConfigProperty copy(ProviderConfigProperty option) {
        return option(option.getName(), option.getType(), option.getDefaultValue(), option.getHelpText());
    }


    private static List<String> list(Config.Scope scope, ProviderConfigProperty option) {
        return Arrays.stream(string(scope, option).split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableList());
    }
}
