package vn.dinhdanh.chip.trustadmin;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import org.jboss.logging.Logger;
import vn.dinhdanh.chip.trust.TrustState;

/**
 * Watches this node's CSCA trust: reloads it when its files change (from Keycloak's timer), warns in the log
 * and in {@code /metrics} (Micrometer's global registry, Keycloak's with {@code --metrics-enabled=true})
 * before a CRL's nextUpdate, and loudly once it has passed (cards are then refused {@code csca_crl_stale}).
 * Meters: {@code dinhdanh_chip_crl_next_update_seconds} (time left until the soonest nextUpdate, negative when
 * stale), {@code dinhdanh_chip_crl_warning} (1 while a CRL is within the warning days of its nextUpdate or past
 * it), {@code dinhdanh_chip_trust_cscas}, {@code dinhdanh_chip_trust_crls}, {@code dinhdanh_chip_trust_reload_failed}
 * (1 while the last reload failed, the previous store in use).
 */
public final class TrustMonitor {

    private static final Logger LOG = Logger.getLogger(TrustMonitor.class);

    private final TrustState trust;
    private final Duration warning;

    public TrustMonitor(TrustState trust, Duration warning) {
        this.trust = trust;
        this.warning = warning;
        Gauge.builder("dinhdanh.chip.crl.next_update.seconds", trust,
                        t -> t.secondsToFirstCrlExpiry().map(Long::doubleValue).orElse(Double.NaN))
                .description("Seconds until the soonest CSCA CRL nextUpdate on this node (negative: stale, cards refused)")
                .strongReference(true).register(Metrics.globalRegistry);
        Gauge.builder("dinhdanh.chip.crl.warning", this, m -> m.warning() ? 1 : 0)
                .description("1 while a CSCA CRL on this node is within crl-warning-days of its nextUpdate, or past it")
                .strongReference(true).register(Metrics.globalRegistry);
        Gauge.builder("dinhdanh.chip.trust.cscas", trust, t -> t.store().cscas().size())
                .description("CSCA certificates trusted on this node").strongReference(true).register(Metrics.globalRegistry);
        Gauge.builder("dinhdanh.chip.trust.crls", trust, t -> t.store().crls().size())
                .description("CSCA CRLs loaded on this node").strongReference(true).register(Metrics.globalRegistry);
        Gauge.builder("dinhdanh.chip.trust.reload_failed", trust,
                        t -> t.lastAttempt().filter(a -> a.result() == TrustState.Result.FAILED).isPresent() ? 1 : 0)
                .description("1 while the last trust reload failed (the previous trust store stays in use)")
                .strongReference(true).register(Metrics.globalRegistry);
    }

    /** One tick: reload if the files changed, then warn about CRLs. Never throws (a timer task must not die). */
    public TrustState.Attempt tick(boolean force) {
        TrustState.Attempt attempt = trust.reload(force);
        switch (attempt.result()) {
            case LOADED -> LOG.infof("chip: trust store reloaded: %s", trust.store());
            case FAILED -> LOG.errorf("chip: trust store reload failed, the previous one (%s, loaded %s) stays in use: %s",
                    trust.store(), trust.loadedAt(), attempt.error());
            default -> {
            }
        }
        warn();
        return attempt;
    }

    /** True while a CRL is within the warning period of its nextUpdate, or past it. */
    public boolean warning() {
        return trust.crlFreshness().stream().anyMatch(crl -> crl.secondsLeft() < warning.getSeconds());
    }

    void warn() {
        for (TrustState.CrlFreshness crl : trust.crlFreshness()) {
            if (crl.stale()) {
                LOG.errorf("chip: the CRL of %s passed its nextUpdate %s: cards under it are refused (csca_crl_stale) until"
                        + " a current CRL is loaded", crl.issuer(), crl.nextUpdate());
            } else if (crl.secondsLeft() < warning.getSeconds()) {
                LOG.warnf("chip: the CRL of %s reaches its nextUpdate %s in %d days: load the CSCA's next CRL",
                        crl.issuer(), crl.nextUpdate(), crl.secondsLeft() / 86400);
            }
        }
    }
}
