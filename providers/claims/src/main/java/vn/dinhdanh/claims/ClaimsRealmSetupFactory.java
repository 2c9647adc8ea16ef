package vn.dinhdanh.claims;

import org.keycloak.Config;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

/**
 * Hooks {@link BuiltInClientScopes} and {@link BuiltInClientNames} to the creation of a realm (an import, or a realm posted to the admin API).
 *
 * <p>An event listener factory only because Keycloak initialises every factory and its {@code postInit} may
 * register for provider events; the listener itself does nothing and need not be enabled in any realm.</p>
 */
public final class ClaimsRealmSetupFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "dinhdanh-claims-realm-setup";

    private static final EventListenerProvider NOTHING = new EventListenerProvider() {
        @Override
        public void onEvent(Event event) {
        }

        @Override
        public void onEvent(AdminEvent event, boolean includeRepresentation) {
        }

        @Override
        public void close() {
        }
    };

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return NOTHING;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof RealmModel.RealmPostCreateEvent created) {
                BuiltInClientScopes.restore(created.getCreatedRealm());
                BuiltInClientNames.restore(created.getCreatedRealm());
            }
        });
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
