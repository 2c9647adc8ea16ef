package vn.dinhdanh.app.options;

import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.Provider;
import vn.dinhdanh.app.api.AppSettings;

/**
 * The VNeID app's options as read at start: what the app API, the push and QR login, CIBA and enrolment share.
 * A login step asks its session for them ({@link #of}), never another provider's factory.
 */
public final class AppOptions implements Provider {

    private final AppSettings settings;

    AppOptions(AppSettings settings) {
        this.settings = settings;
    }

    /** This deployment's options; they come with providers/app, so only a broken deployment has none. */
    public static AppOptions of(KeycloakSession session) {
        AppOptions options = session.getProvider(AppOptions.class);
        if (options == null) {
            throw new IllegalStateException("the VNeID app's options (SPI " + AppOptionsSpi.NAME + ") are disabled or missing");
        }
        return options;
    }

    public AppSettings settings() {
        return settings;
    }

    @Override
    public void close() {
    }
}
