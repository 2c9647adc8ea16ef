package vn.dinhdanh.chip.trustadmin;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import vn.dinhdanh.chip.api.ChipOptions;

/** {@code /admin/realms/{realm}/chip-trust}: the chip's trust ({@link ChipOptions}), read and reloaded by an administrator. */
public final class TrustAdminResourceProviderFactory implements AdminRealmResourceProviderFactory {

    public static final String ID = "chip-trust";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return new AdminRealmResourceProvider() {
            @Override
            public Object getResource(KeycloakSession s, RealmModel realm, AdminPermissionEvaluator auth,
                                      AdminEventBuilder adminEvent) {
                ChipOptions chip = ChipOptions.of(s);
                return new TrustAdminResource(s, auth, adminEvent, chip.settings().trust(), chip.monitor());
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
