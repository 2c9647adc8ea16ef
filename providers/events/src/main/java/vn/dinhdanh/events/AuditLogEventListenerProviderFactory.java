package vn.dinhdanh.events;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The realm's audit log: Keycloak's own {@code jboss-logging} listener writes usernames and
 * addresses, which the national systems may not log. Enable it per realm as event listener
 * {@value #PROVIDER_ID}.
 */
public final class AuditLogEventListenerProviderFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "dinhdanh-audit-log";
    /** Server option {@code --spi-events-listener--dinhdanh-audit-log--subject-key}. */
    static final String SUBJECT_KEY = "subject-key";

    private SubjectPseudonym pseudonym;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new AuditLogEventListenerProvider(pseudonym);
    }

    @Override
    public void init(Config.Scope config) {
        String key = config.get(SUBJECT_KEY);
        pseudonym = key == null || key.isBlank() ? SubjectPseudonym.withRandomKey() : SubjectPseudonym.withKey(key);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property()
                .name(SUBJECT_KEY)
                .type(ProviderConfigProperty.PASSWORD)
                .secret(true)
                .helpText("HMAC key (at least 32 bytes) that turns user ids into log pseudonyms. Set the same value "
                        + "on every node so that pseudonyms agree across the cluster and restarts; "
                        + "unset, each start draws a random key.")
                .add()
                .build();
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
