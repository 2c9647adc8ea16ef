package vn.dinhdanh.app.device;

import com.webauthn4j.WebAuthnAuthenticationManager;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.client.CollectedClientData;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.OriginVerifierImpl;
import com.webauthn4j.verifier.exception.BadOriginException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
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

    private final ObjectConverter converter;

    DeviceCredentialProvider(KeycloakSession session, WebAuthnMetadataService metadataService, ObjectConverter converter) {
        super(session, metadataService, converter);
        this.converter = converter;
    }

    /**
     * Keycloak's manager and origin rule (the request's origins, or the realm WebAuthn policy's extra origins), on the
     * factory's one {@link ObjectConverter}. Keycloak's own builds a new manager with new Jackson mappers for every
     * assertion, whose deserializers are then built anew to read one client data JSON: about a quarter of what checking an
     * app's approval cost, in the benchmark's profile (docs/benchmarks.md).
     */
    @Override
    protected WebAuthnAuthenticationManager getWebAuthnAuthenticationManager() {
        Set<Origin> extraOrigins = getWebAuthnPolicy().getExtraOrigins().stream().map(Origin::new).collect(Collectors.toSet());
        WebAuthnAuthenticationManager manager = new WebAuthnAuthenticationManager(List.of(), converter);
        manager.getAuthenticationDataVerifier().setOriginVerifier(new OriginVerifierImpl() {
            @Override
            protected void verify(CollectedClientData clientData, ServerProperty serverProperty) {
                Origin origin = clientData.getOrigin();
                if (!serverProperty.getOrigins().contains(origin) && !extraOrigins.contains(origin)) {
                    throw new BadOriginException("The collectedClientData '" + origin + "' origin doesn't match any of the preconfigured origins.");
                }
            }
        });
        return manager;
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
