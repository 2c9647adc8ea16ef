package vn.dinhdanh.app.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Pushes as a JSON POST to {@code url} (option {@code --spi-dinhdanh-push--loopback--url}): the sandbox's
 * and the integration tests' stand-in for FCM/APNs, on loopback. Sent asynchronously: a login never waits on it.
 */
public final class LoopbackPushSenderFactory implements PushSenderFactory {

    public static final String ID = "loopback";
    static final String URL = "url";
    private static final Logger LOG = Logger.getLogger(LoopbackPushSenderFactory.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private URI url;

    @Override
    public PushSender create(KeycloakSession session) {
        return new PushSender() {
            @Override
            public void send(PushMessage message) {
                if (url == null) {
                    return;
                }
                try {
                    byte[] body = JSON.writeValueAsBytes(Map.of("realm", message.realm(), "credentialId", message.credentialId(),
                            "challengeId", message.challengeId()));
                    http.sendAsync(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding())
                            .exceptionally(e -> {
                                LOG.debugf("loopback push failed: %s", e.getMessage());
                                return null;
                            });
                } catch (java.io.IOException e) {
                    LOG.debugf("loopback push failed: %s", e.getMessage());
                }
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
        String value = config.get(URL, "");
        url = value.isBlank() ? null : URI.create(value);
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(URL).type(ProviderConfigProperty.STRING_TYPE).defaultValue("")
                .helpText("Where to POST pushes (the sandbox's phone), e.g. http://127.0.0.1:8092/push").add()
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
