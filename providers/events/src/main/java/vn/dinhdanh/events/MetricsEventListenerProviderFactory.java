package vn.dinhdanh.events;

import io.micrometer.core.instrument.Metrics;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * dinhdanh's login meters in Keycloak's own registry ({@code /metrics} on the management port), derived from the
 * LOGIN and LOGIN_ERROR events our authenticators already fire with {@code login_method} and {@code reason}. Enable
 * it per realm as event listener {@value #PROVIDER_ID}, beside Keycloak's {@code micrometer-user-event-metrics}.
 *
 * <ul>
 *   <li>{@value #LOGINS} (counter; Prometheus {@code dinhdanh_logins_total}): tags {@code method} (app, qr, chip,
 *   password, ... or {@code other} for Keycloak's own forms) and {@code outcome} ({@code success}, or the refusal's
 *   stable reason code, else Keycloak's error).</li>
 *   <li>{@value #PUSH_EXPIRED} ({@code dinhdanh_push_expired_total}): VNeID pushes of browser logins that expired
 *   unanswered (the login's {@code reason=expired}).</li>
 * </ul>
 * Codes come from enums, so the tags stay few. The other meters are listed in docs/operations.md.
 */
public final class MetricsEventListenerProviderFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "dinhdanh-metrics";
    static final String LOGINS = "dinhdanh.logins";
    static final String PUSH_EXPIRED = "dinhdanh.push.expired";

    private static final EventListenerProvider LISTENER = new EventListenerProvider() {
        @Override
        public void onEvent(Event event) {
            if (event.getType() == EventType.LOGIN || event.getType() == EventType.LOGIN_ERROR) {
                count(event.getType(), event.getError(), event.getDetails() == null ? Map.of() : event.getDetails());
            }
        }

        @Override
        public void onEvent(AdminEvent event, boolean includeRepresentation) {
        }

        @Override
        public void close() {
        }
    };

    static void count(EventType type, String error, Map<String, String> details) {
        String method = details.getOrDefault("login_method", "other");
        String outcome = type == EventType.LOGIN ? "success" : details.getOrDefault("reason", error == null ? "error" : error);
        Metrics.counter(LOGINS, "method", method, "outcome", outcome).increment();
        if (type == EventType.LOGIN_ERROR && "app".equals(method) && "expired".equals(outcome)) {
            Metrics.counter(PUSH_EXPIRED).increment();
        }
    }

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return LISTENER;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
