package vn.dinhdanh.app.device;

import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.WebAuthnCredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Keycloak's WebAuthn credential factory, for the {@value DeviceCredentialProvider#TYPE} type. */
public final class DeviceCredentialProviderFactory extends WebAuthnCredentialProviderFactory {

    public static final String ID = "vneid-device";

    @Override
    public CredentialProvider create(KeycloakSession session) {
        return new DeviceCredentialProvider(session, getMetadataService(), createOrGetObjectConverter());
    }

    @Override
    public String getId() {
        return ID;
    }
}
