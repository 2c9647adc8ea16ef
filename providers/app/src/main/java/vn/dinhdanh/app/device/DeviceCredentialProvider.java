package vn.dinhdanh.app.device;

import com.webauthn4j.converter.util.ObjectConverter;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.credential.WebAuthnCredentialProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.credential.WebAuthnCredentialModel;
import org.keycloak.models.credential.dto.WebAuthnCredentialData;
import org.keycloak.authentication.authenticators.browser.WebAuthnMetadataService;

/**
 * A VNeID app's device key, bound to one citizen: a credential of its own type ({@value #TYPE}) with
 * Keycloak's WebAuthn data (credential id, COSE public key, signature counter, attestation format), so that
 * Keycloak's own WebAuthn code stores it, lists it in the account console and admin console, and removes it.
 * Enrolled by the app (see {@code Enrolments}), never through a browser: there is no create action.
 */
public final class DeviceCredentialProvider extends WebAuthnCredentialProvider {

    public static final String TYPE = "vneid-device";

    DeviceCredentialProvider(KeycloakSession session, WebAuthnMetadataService metadataService, ObjectConverter converter) {
        super(session, metadataService, converter);
    }

    @Override
    public String getType() {
        return TYPE;
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext metadataContext) {
        return CredentialTypeMetadata.builder()
                .type(getType())
                .category(CredentialTypeMetadata.Category.PASSWORDLESS)
                .displayName("vneid-device-display-name")
                .helpText("vneid-device-help-text")
                .iconCssClass("kcAuthenticatorWebAuthnPasswordlessClass")
                .removeable(true)
                .build(getKeycloakSession());
    }

    /** The stored WebAuthn data of a device credential (public key, counter), for checks and tests. */
    public static WebAuthnCredentialData data(org.keycloak.credential.CredentialModel model) {
        return WebAuthnCredentialModel.createFromCredentialModel(model).getWebAuthnCredentialData();
    }
}
