package vn.dinhdanh.app.options;

import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderFactory;
import vn.dinhdanh.options.RenamedOptions;

/**
 * Reads the app's options once, from {@code spi-dinhdanh-app--default--*}. Until the next release the same options
 * are still read under their old names, {@code spi-realm-restapi-extension--app--*} (the app API's scope), with a
 * warning naming the new key.
 */
public final class AppOptionsFactory implements ProviderFactory<AppOptions> {

    public static final String ID = "default";
    static final String PREFIX = "spi-" + AppOptionsSpi.NAME + "--" + ID + "--";
    /** The old scope: the app API's ({@code /realms/{realm}/app}) realm resource. */
    static final String[] OLD_SCOPE = {"realm-restapi-extension", "app"};
    static final String OLD_PREFIX = "spi-" + OLD_SCOPE[0] + "--" + OLD_SCOPE[1] + "--";
    private static final Logger LOG = Logger.getLogger(AppOptionsFactory.class);

    private AppOptions options;

    @Override
    public AppOptions create(KeycloakSession session) {
        return options;
    }

    @Override
    public void init(Config.Scope scope) {
        options = new AppOptions(AppConfig.read(new RenamedOptions(scope, PREFIX, Config.scope(OLD_SCOPE), OLD_PREFIX, LOG::warn)));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return AppConfig.metadata();
    }
}
