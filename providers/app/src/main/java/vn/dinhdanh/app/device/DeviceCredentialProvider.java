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
 * Keycloak's own WebAuthn code stores it (in federated storage for registry citizens), lists it in the account
 * console and admin console, and removes it. Enrolled by the app (see {@code Enrolments}), never through a browser:
 * there is no create action.
 */
public final class DeviceCredentialProvider extends WebAuthnCredentialProvider {

    public static final String TYPE = "vneid-device";
    /** Message keys of the account theme ({@code themes/.../account/messages}). */
    static final String DISPLAY_NAME = "vneid-device-display-name";
    static final String HELP_TEXT = "vneid-device-help-text";

    DeviceCredentialProvider(KeycloakSession session, WebAuthnMetadataService metadataService, ObjectConverter converter) {
        super(session, metadataService, converter);
    }

    @Override
    public String getType() {
        return TYPE;
    }

    /**
     * How the account console ("Signing in") and the account REST API present the type: its own entry among the
     * passwordless methods (the app's approval is a login on its own), named by the account theme's
     * {@value #DISPLAY_NAME} and {@value #HELP_TEXT}, removable by the citizen (Keycloak's {@code delete_credential}
     * action, which the realm has by default). Unlike WebAuthn's, no create action: a device is enrolled from the app
     * with a code from the police desk, never from a browser. Without a create action Keycloak lists the type only to
     * citizens who have a device.
     */
    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext metadataContext) {
        return CredentialTypeMetadata.builder()
                .type(getType())
                .category(CredentialTypeMetadata.Category.PASSWORDLESS)
                .displayName(DISPLAY_NAME)
                .helpText(HELP_TEXT)
                .iconCssClass("kcAuthenticatorWebAuthnPasswordlessClass")
                .removeable(true)
                .build(getKeycloakSession());
    }

    /** The stored WebAuthn data of a device credential (public key, counter), for checks and tests. */
    public static WebAuthnCredentialData data(org.keycloak.credential.CredentialModel model) {
        return WebAuthnCredentialModel.createFromCredentialModel(model).getWebAuthnCredentialData();
    }
}
