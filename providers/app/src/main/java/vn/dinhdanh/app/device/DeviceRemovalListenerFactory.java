package vn.dinhdanh.app.device;

import org.keycloak.Config;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import vn.dinhdanh.app.options.AppOptions;

/**
 * Event listener {@value #ID} (in the realm's {@code eventsListeners}): when a citizen removes a VNeID device with
 * Keycloak's own means (the account console's "Signing in", the {@code delete_credential} action), or an administrator
 * through the admin API, their remaining devices are told ({@link DeviceNotices#removed}, reason {@code citizen} or
 * {@code admin}). Removals by dinhdanh code call
 * {@link DeviceNotices} themselves; their events carry {@code device_notice} and are skipped here.
 */
public final class DeviceRemovalListenerFactory implements EventListenerProviderFactory {

    public static final String ID = "dinhdanh-device-notices";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new EventListenerProvider() {
            @Override
            public void onEvent(Event event) {
                if (event.getType() != EventType.REMOVE_CREDENTIAL || event.getDetails() == null
                        || !DeviceCredentialProvider.TYPE.equals(event.getDetails().get(Details.CREDENTIAL_TYPE))
                        || event.getDetails().containsKey("device_notice")) {
                    return;
                }
                String deviceId = event.getDetails().getOrDefault(Details.SELECTED_CREDENTIAL_ID, event.getDetails().get(Details.CREDENTIAL_ID));
                tell(event.getRealmId(), event.getUserId(), deviceId, event.getDetails().get(Details.CREDENTIAL_USER_LABEL), "citizen");
            }

            /** An administrator removed a credential ({@code users/<id>/credentials/<credential id>}, its type in the details). */
            @Override
            public void onEvent(AdminEvent event, boolean includeRepresentation) {
                String[] path = event.getResourcePath() == null ? new String[0] : event.getResourcePath().split("/");
                if (event.getDetails() == null || !DeviceCredentialProvider.TYPE.equals(event.getDetails().get(Details.CREDENTIAL_TYPE))
                        || path.length != 4 || !"users".equals(path[0]) || !"credentials".equals(path[2])) {
                    return;
                }
                tell(event.getRealmId(), path[1], path[3], event.getDetails().get(Details.CREDENTIAL_USER_LABEL), "admin");
            }

            private void tell(String realmId, String userId, String deviceId, String label, String reason) {
                RealmModel realm = session.realms().getRealm(realmId);
                UserModel citizen = realm == null || userId == null ? null : session.users().getUserById(realm, userId);
                if (citizen == null || deviceId == null) {
                    return;
                }
                new DeviceNotices(session, realm, AppOptions.of(session).settings().clock()).removed(citizen, deviceId, label, reason);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String getId() {
        return ID;
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
