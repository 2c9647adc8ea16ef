package vn.dinhdanh.app.push;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * {@code dinhdanh-push}: how pushes reach the citizen's app. Built: {@code log} (the default: no push, the app
 * fetches), {@code loopback} (an HTTP POST to a configured URL: the sandbox's and the tests' phone) and
 * {@code mobile} (FCM and APNs with each realm's own credentials, {@link vn.dinhdanh.app.push.mobile.MobilePushSenderFactory}).
 */
public final class PushSenderSpi implements Spi {

    public static final String NAME = "dinhdanh-push";

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
        return PushSender.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return PushSenderFactory.class;
    }
}
