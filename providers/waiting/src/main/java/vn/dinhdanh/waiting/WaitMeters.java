package vn.dinhdanh.waiting;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The long poll's two meters in Micrometer's global registry (Keycloak's {@code /metrics} when
 * {@code --metrics-enabled=true}; without it they cost nothing), named as docs/operations.md lists them:
 * {@code dinhdanh_app_waiting_polls} (requests waiting on this node now) and
 * {@code dinhdanh_app_approval_continue_seconds} (a histogram: from the decision committed on any node to the
 * waiting page answered on this one), both tagged {@code page=app|chip} (the VNeID page, or the chip page).
 */
final class WaitMeters {

    private final Timer approvalToContinue;

    WaitMeters(String page, Waiters waiters) {
        Gauge.builder("dinhdanh.app.waiting.polls", waiters, Waiters::waiting).strongReference(true)
                .description("Long polls waiting on this node for a login's decision").tag("page", page)
                .register(Metrics.globalRegistry);
        approvalToContinue = Timer.builder("dinhdanh.app.approval.continue")
                .description("From a decision recorded (any node) to the waiting page answered (this node)").tag("page", page)
                .publishPercentileHistogram().register(Metrics.globalRegistry);
    }

    void continued(long recordedAtMillis, int pages) {
        if (recordedAtMillis <= 0) {
            return;
        }
        Duration took = Duration.ofMillis(Math.max(0, System.currentTimeMillis() - recordedAtMillis));
        for (int i = 0; i < pages; i++) {
            approvalToContinue.record(took);
        }
    }
}
