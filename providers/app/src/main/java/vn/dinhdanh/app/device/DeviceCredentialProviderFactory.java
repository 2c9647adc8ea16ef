package vn.dinhdanh.app.device;

import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.WebAuthnCredentialProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Keycloak's WebAuthn credential factory, for the {@value DeviceCredentialProvider#TYPE} type. */
public final class DeviceCredentialProviderFactory extends WebAuthnCredentialProviderFactory {

    public static final String ID = "vneid-device";

    @Override
    public CredentialProvider create(KeycloakSession session) {
        return new DeviceCredentialProvider(session, getMetadataService(), createOrGetObjectConverter());
    }

    /** Devices follow their card and citizen through the registry's change feed ({@link CardFollower}). */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        super.postInit(factory);
        factory.register(CardFollower::onEvent);
    }

    @Override
    public String getId() {
        return ID;
    }
}
