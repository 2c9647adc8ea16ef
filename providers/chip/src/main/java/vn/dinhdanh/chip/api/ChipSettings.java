package vn.dinhdanh.chip.api;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import vn.dinhdanh.chip.ChipPolicy;
import vn.dinhdanh.chip.trust.TrustStore;

/**
 * What the chip provider was configured with at start (SPI options, README "Configuration"): the trust
 * store is loaded once, the clock is Vietnam's (a card expires at the end of its day in Vietnam).
 */
public record ChipSettings(TrustStore trustStore, ChipPolicy policy, Duration challengeLifetime, String ekycRole,
                           int maxRequestBytes, Clock clock) {

    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
}
