package vn.dinhdanh.app.push.mobile;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.Config;
import vn.dinhdanh.app.push.PushMessage;
import vn.dinhdanh.app.push.PushTarget;
import vn.dinhdanh.app.push.PushTarget.Platform;

/**
 * The {@code mobile} provider as the server runs it (options through {@link MobilePushSenderFactory#init}, a realm's
 * attributes and vault), against one loopback stand-in for Google and Apple.
 */
class MobilePushSenderTest {

    static final String FCM_TOKEN = "fcm-registration-token:APA91b";
    static final String APNS_TOKEN = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
    static KeyPair rsa;
    static KeyPair ec;

    final Map<String, String> attributes = new HashMap<>();
    final Map<String, String> vault = new HashMap<>();
    final List<String> logged = new ArrayList<>();
    final Logger logger = Logger.getLogger("vn.dinhdanh.app.push.mobile");
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logged) {
                logged.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    FakePushService service;

    @BeforeAll
    static void keys() throws Exception {
        rsa = TestKeys.rsa();
        ec = TestKeys.p256();
    }

    @BeforeEach
    void start() {
        service = new FakePushService().answer("/token", 200, "{\"access_token\":\"ya29.secret-access\",\"expires_in\":3599}");
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
    }

    @AfterEach
    void stop() {
        logger.removeHandler(capture);
        service.close();
    }

    MobilePushSender sender(String endpoint) {
        System.setProperty("dinhdanh.test.mobile.fcm-endpoint", endpoint);
        System.setProperty("dinhdanh.test.mobile.apns-endpoint", endpoint);
        try {
            MobilePushSenderFactory factory = new MobilePushSenderFactory();
            factory.init(new Config.SystemPropertiesScope("dinhdanh.test.mobile."));
            return factory.sender(realm -> realm.equals("dinhdanh") ? new RealmPushSettings(attributes::get, vault::get) : RealmPushSettings.NONE);
        } finally {
            System.clearProperty("dinhdanh.test.mobile.fcm-endpoint");
            System.clearProperty("dinhdanh.test.mobile.apns-endpoint");
        }
    }

    void configureFcm() {
        attributes.put(RealmPushSettings.FCM_PROJECT_ID, "vneid-test");
        attributes.put(RealmPushSettings.FCM_SERVICE_ACCOUNT, "${vault.fcm}");
        vault.put("${vault.fcm}", TestKeys.serviceAccount(rsa, service.url() + "/token"));
    }

    void configureApns() {
        attributes.put(RealmPushSettings.APNS_TEAM_ID, "TEAM123456");
        attributes.put(RealmPushSettings.APNS_KEY_ID, "KEY7654321");
        attributes.put(RealmPushSettings.APNS_TOPIC, "vn.gov.vneid");
        attributes.put(RealmPushSettings.APNS_KEY, "${vault.apns}");
        vault.put("${vault.apns}", TestKeys.pem(ec.getPrivate()));
    }

    static PushMessage message(String realm, Platform platform) {
        return new PushMessage(realm, "Y3JlZGVudGlhbA", "Q0hBTExFTkdF",
                platform == null ? null : new PushTarget(platform, platform == Platform.FCM ? FCM_TOKEN : APNS_TOKEN));
    }

    void assertNothingSent(CompletableFuture<Void> dispatched) throws Exception {
        assertThat(dispatched).as("nothing under way").isDone();
        Thread.sleep(200);
        assertThat(service.taken()).isEmpty();
    }

    @Test
    @DisplayName("an Android device's push goes through FCM, an iOS device's through APNs, at the options' endpoints;"
            + " the realm's settings read anew for each push still share one access token and one provider token")
    void dispatches() throws Exception {
        configureFcm();
        configureApns();
        MobilePushSender sender = sender(service.url());

        for (int i = 0; i < 2; i++) {
            sender.dispatch(message("dinhdanh", Platform.FCM)).get(10, TimeUnit.SECONDS);
            sender.dispatch(message("dinhdanh", Platform.APNS)).get(10, TimeUnit.SECONDS);
        }

        List<FakePushService.Request> requests = service.taken();
        assertThat(requests).extracting(FakePushService.Request::path).containsExactly("/token",
                "/v1/projects/vneid-test/messages:send", "/3/device/" + APNS_TOKEN,
                "/v1/projects/vneid-test/messages:send", "/3/device/" + APNS_TOKEN);
        assertThat(requests.get(4).header("authorization")).isEqualTo(requests.get(2).header("authorization"));
    }

    @Test
    @DisplayName("a device without a push target gets nothing")
    void noTarget() throws Exception {
        configureFcm();
        configureApns();

        assertNothingSent(sender(service.url()).dispatch(message("dinhdanh", null)));
    }

    @Test
    @DisplayName("a platform the realm has not configured gets nothing, nor does a realm with no settings")
    void notConfigured() throws Exception {
        configureFcm();
        MobilePushSender sender = sender(service.url());

        assertNothingSent(sender.dispatch(message("dinhdanh", Platform.APNS)));
        assertNothingSent(sender.dispatch(message("other-realm", Platform.FCM)));
    }

    @Test
    @DisplayName("unusable settings send nothing and throw nothing; the warning names the attribute")
    void unusable() throws Exception {
        configureFcm();
        vault.clear();

        assertNothingSent(sender(service.url()).dispatch(message("dinhdanh", Platform.FCM)));
        assertThat(logged).anyMatch(line -> line.contains(RealmPushSettings.FCM_SERVICE_ACCOUNT) && line.contains("dinhdanh"));
    }

    @Test
    @DisplayName("a dead endpoint is no exception: the push fails on its own, the login goes on")
    void deadEndpoint() throws Exception {
        configureFcm();
        vault.put("${vault.fcm}", TestKeys.serviceAccount(rsa, "http://127.0.0.1:9/token"));
        configureApns();
        MobilePushSender sender = sender("http://127.0.0.1:9");

        sender.send(message("dinhdanh", Platform.FCM));
        sender.dispatch(message("dinhdanh", Platform.FCM)).get(15, TimeUnit.SECONDS);
        sender.dispatch(message("dinhdanh", Platform.APNS)).get(15, TimeUnit.SECONDS);

        assertThat(logged).anyMatch(line -> line.startsWith("push failed: realm dinhdanh, FCM"))
                .anyMatch(line -> line.startsWith("push failed: realm dinhdanh, APNS"));
    }

    @Test
    @DisplayName("logs name the realm, the platform and the status; never a device token, access token or JWT")
    void logs() throws Exception {
        configureFcm();
        configureApns();
        service.answer("/3/device/", 410, "{\"reason\":\"Unregistered\"}");
        MobilePushSender sender = sender(service.url());

        sender.dispatch(message("dinhdanh", Platform.FCM)).get(10, TimeUnit.SECONDS);
        sender.dispatch(message("dinhdanh", Platform.APNS)).get(10, TimeUnit.SECONDS);

        assertThat(logged).contains("push sent: realm dinhdanh, FCM, status 200", "push refused: realm dinhdanh, APNS, status 410 Unregistered");
        assertThat(String.join("\n", logged)).doesNotContain(FCM_TOKEN, APNS_TOKEN, "ya29.secret-access", "eyJ", "PRIVATE KEY");
    }
}
