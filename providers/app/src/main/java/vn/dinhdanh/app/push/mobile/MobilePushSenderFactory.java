package vn.dinhdanh.app.push.mobile;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import vn.dinhdanh.app.push.PushSender;
import vn.dinhdanh.app.push.PushSenderFactory;

/**
 * {@code mobile}: pushes through FCM (Android) and APNs (iOS) with each realm's own credentials, read from its
 * attributes and vault ({@link RealmPushSettings}). The options only move the endpoints (tests, proxies):
 * {@code --spi-dinhdanh-push--mobile--fcm-endpoint}, {@code …--fcm-token-endpoint}, {@code …--apns-endpoint}.
 */
public final class MobilePushSenderFactory implements PushSenderFactory {

    public static final String ID = "mobile";
    static final String FCM_ENDPOINT = "fcm-endpoint";
    static final String FCM_TOKEN_ENDPOINT = "fcm-token-endpoint";
    static final String APNS_ENDPOINT = "apns-endpoint";

    private FcmSender fcm;
    private ApnsSender apns;

    @Override
    public PushSender create(KeycloakSession session) {
        return sender(realm -> RealmPushSettings.of(session, realm));
    }

    MobilePushSender sender(Function<String, RealmPushSettings> settings) {
        return new MobilePushSender(settings, fcm, apns);
    }

    @Override
    public void init(Config.Scope config) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).connectTimeout(Duration.ofSeconds(5)).build();
        String fcmEndpoint = endpoint(config, FCM_ENDPOINT);
        String tokenEndpoint = endpoint(config, FCM_TOKEN_ENDPOINT);
        fcm = new FcmSender(http, fcmEndpoint != null ? fcmEndpoint : FcmSender.ENDPOINT,
                tokenEndpoint != null ? URI.create(tokenEndpoint) : null, Clock.systemUTC());
        apns = new ApnsSender(http, endpoint(config, APNS_ENDPOINT), Clock.systemUTC());
    }

    /** An endpoint option without its trailing slash; null when not set. */
    private static String endpoint(Config.Scope config, String name) {
        String value = config.get(name, "").trim();
        if (value.isEmpty()) {
            return null;
        }
        URI uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("spi-dinhdanh-push--mobile--" + name + " is not an http(s) URL");
        }
        return uri.toString();
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(FCM_ENDPOINT).type(ProviderConfigProperty.STRING_TYPE).defaultValue(FcmSender.ENDPOINT)
                .helpText("Base URL of FCM HTTP v1").add()
                .property().name(FCM_TOKEN_ENDPOINT).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Where to exchange the service account's JWT for an access token; default: the service account's token_uri, "
                        + "else " + ServiceAccount.GOOGLE_TOKEN_URI).add()
                .property().name(APNS_ENDPOINT).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Base URL of APNs; default by the realm's dinhdanh.push.apns.environment: " + ApnsSender.PRODUCTION
                        + " (production) or " + ApnsSender.DEVELOPMENT + " (development)").add()
                .build();
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
