package vn.dinhdanh.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.events.EventType;

@DisplayName("dinhdanh-metrics: login meters from the events our authenticators fire")
class MetricsEventListenerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void attach() {
        Metrics.addRegistry(registry);
    }

    @AfterEach
    void detach() {
        Metrics.removeRegistry(registry);
        Metrics.globalRegistry.clear();
    }

    private double logins(String method, String outcome) {
        var counter = registry.find(MetricsEventListenerProviderFactory.LOGINS).tags("method", method, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    @DisplayName("a login counts as success for its method; a refusal under its stable reason code")
    void byMethodAndOutcome() {
        MetricsEventListenerProviderFactory.count(EventType.LOGIN, null, Map.of("login_method", "chip"));
        MetricsEventListenerProviderFactory.count(EventType.LOGIN_ERROR, "invalid_user_credentials",
                Map.of("login_method", "chip", "reason", "aa_failed"));
        MetricsEventListenerProviderFactory.count(EventType.LOGIN_ERROR, "invalid_user_credentials", Map.of());
        assertThat(logins("chip", "success")).isEqualTo(1);
        assertThat(logins("chip", "aa_failed")).isEqualTo(1);
        assertThat(logins("other", "invalid_user_credentials")).as("Keycloak's own form: its error").isEqualTo(1);
        assertThat(registry.find(MetricsEventListenerProviderFactory.PUSH_EXPIRED).counter()).isNull();
    }

    @Test
    @DisplayName("an app login refused as expired is also an expired push")
    void expiredPush() {
        MetricsEventListenerProviderFactory.count(EventType.LOGIN_ERROR, "invalid_user_credentials",
                Map.of("login_method", "app", "reason", "expired"));
        assertThat(registry.find(MetricsEventListenerProviderFactory.PUSH_EXPIRED).counter().count()).isEqualTo(1);
        assertThat(logins("app", "expired")).isEqualTo(1);
    }
}
