package vn.dinhdanh.app.options;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * {@code dinhdanh-app}: the VNeID app's options (push limits, attestation, enrolment), which govern the app API, push
 * and QR login and CIBA alike. One provider, {@code default}; its options are {@link AppConfig}'s.
 */
public final class AppOptionsSpi implements Spi {

    public static final String NAME = "dinhdanh-app";

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
        return AppOptions.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return AppOptionsFactory.class;
    }
}
