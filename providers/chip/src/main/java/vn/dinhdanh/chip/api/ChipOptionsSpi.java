package vn.dinhdanh.chip.api;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * {@code dinhdanh-chip}: the chip's options (trust, checks, challenge lifetime), which govern the chip API, the chip
 * login and the trust administration alike. One provider, {@code default}; its options are {@link ChipConfig}'s.
 */
public final class ChipOptionsSpi implements Spi {

    public static final String NAME = "dinhdanh-chip";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return ChipOptions.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return ChipOptionsFactory.class;
    }
}
