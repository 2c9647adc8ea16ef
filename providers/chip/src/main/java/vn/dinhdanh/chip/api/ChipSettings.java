package vn.dinhdanh.chip.api;

import java.time.Clock;
import java.time.Duration;
import vn.dinhdanh.chip.ChipPolicy;
import vn.dinhdanh.chip.trust.TrustState;
import vn.dinhdanh.chip.trust.TrustStore;

/**
 * What the chip provider was configured with at start ({@link ChipConfig}, docs/configuration.md): the trust
 * (reloaded from its files without a restart, per node), and a clock in the registry's calendar zone (a card
 * expires at the end of its day in Vietnam).
 */
public record ChipSettings(TrustState trust, ChipPolicy policy, Duration challengeLifetime, String ekycRole,
                           int maxRequestBytes, Clock clock) {

    /** The trust store in use now: read once per verification, so a reload never changes one midway. */
    public TrustStore trustStore() {
        return trust.store();
    }
}
