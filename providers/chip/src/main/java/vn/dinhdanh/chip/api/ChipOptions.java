package vn.dinhdanh.chip.api;

import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.Provider;
import vn.dinhdanh.chip.trustadmin.TrustMonitor;

/**
 * The chip's options as read at start, with the trust they name: what the chip API, the chip login and the trust
 * administration share. Each asks its session for them ({@link #of}), never another provider's factory.
 */
public final class ChipOptions implements Provider {

    private final ChipSettings settings;
    private final TrustMonitor monitor;

    ChipOptions(ChipSettings settings, TrustMonitor monitor) {
        this.settings = settings;
        this.monitor = monitor;
    }

    /** This deployment's options; they come with providers/chip, so only a broken deployment has none. */
    public static ChipOptions of(KeycloakSession session) {
        ChipOptions options = session.getProvider(ChipOptions.class);
        if (options == null) {
            throw new IllegalStateException("the chip's options (SPI " + ChipOptionsSpi.NAME + ") are disabled or missing");
        }
        return options;
    }

    public ChipSettings settings() {
        return settings;
    }

    /** The trust's reloads and CRL warnings, for the trust administration. */
    public TrustMonitor monitor() {
        return monitor;
    }

    @Override
    public void close() {
    }
}
