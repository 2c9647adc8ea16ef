package vn.dinhdanh.tracker;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * {@code dinhdanh-tracker}: the record of personal data released to relying parties. One provider, {@code default};
 * its options ({@link TrackerConfig}) are the chain's secret and the checkpoint key, both required.
 */
public final class DataTrackerSpi implements Spi {

    public static final String NAME = "dinhdanh-tracker";

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
        return DataTracker.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return DataTrackerFactory.class;
    }
}
