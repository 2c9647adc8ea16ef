package vn.dinhdanh.app.device;

import com.webauthn4j.WebAuthnAuthenticationManager;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.util.exception.WebAuthnException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.keycloak.common.crypto.CryptoIntegration;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialPublicKeyConverter;
import org.keycloak.credential.WebAuthnCredentialModelInput;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** A citizen's enrolled devices: finding one by credential id, checking what its key signed. */
public final class Devices {

    /** Stateless: its converters are Jackson's, safe for concurrent use. */
    private static final WebAuthnAuthenticationManager ASSERTIONS = new WebAuthnAuthenticationManager();

    private static final CredentialPublicKeyConverter KEYS = new CredentialPublicKeyConverter(
            new com.webauthn4j.converter.util.ObjectConverter());

    private Devices() {
    }

    /** The credential {@code credentialId} (base64, as enrolment answered it) of the citizen, if enrolled. */
    public static Optional<CredentialModel> find(UserModel citizen, String credentialId) {
        return citizen.credentialManager().getStoredCredentialsByTypeStream(DeviceCredentialProvider.TYPE)
                .filter(c -> credentialId.equals(DeviceCredentialProvider.data(c).getCredentialId()))
                .findFirst();
    }

    public static PublicKey publicKey(CredentialModel device) {
        return KEYS.convertToEntityAttribute(DeviceCredentialProvider.data(device).getCredentialPublicKey()).getPublicKey();
    }

    /** Whether the device's key is an iOS App Attest key (it signs only App Attest assertions). */
    public static boolean appAttested(CredentialModel device) {
        return AppAttest.FORMAT.equals(DeviceCredentialProvider.data(device).getAttestationStatementFormat());
    }

    /**
     * An ES256 signature (DER) by {@code key} over {@code data}, verified by BouncyCastle as Keycloak registers it:
     * on Java 17 in about a fifth of the time the JDK's own ECDSA takes (docs/benchmarks.md), and a device-signed
     * request verifies one on every phone call.
     */
    public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA", CryptoIntegration.getProvider().getBouncyCastleProvider());
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /**
     * A WebAuthn assertion by the device over {@code challenge}, with user verification, through Keycloak's
     * own WebAuthn credential check: signature, relying party, origin, flags, and a signature counter that
     * must grow (stored anew on success).
     */
    /**
     * Reads a sign-in assertion as Keycloak's WebAuthn provider will, where whatever webauthn4j throws on the bytes
     * is a refusal: its parser lets some malformed authenticator data out as a {@code NullPointerException}
     * (found by fuzzing), which through the provider would answer 500.
     *
     * @throws WebAuthnException the assertion cannot be read
     */
    static void readAssertion(AuthenticationRequest request) {
        Webauthn4jInput.read("the assertion", () -> ASSERTIONS.parse(request));
    }

    public static boolean verifyAssertion(KeycloakSession session, RealmModel realm, UserModel citizen, String credentialId,
                                          byte[] authenticatorData, byte[] clientData, byte[] signature, byte[] challenge,
                                          String rpId, Set<Origin> origins) {
        WebAuthnCredentialModelInput input = new WebAuthnCredentialModelInput(DeviceCredentialProvider.TYPE);
        try {
            AuthenticationRequest request = new AuthenticationRequest(Base64.getDecoder().decode(credentialId), authenticatorData,
                    clientData, signature);
            readAssertion(request);
            input.setAuthenticationRequest(request);
            input.setAuthenticationParameters(new WebAuthnCredentialModelInput.KeycloakWebAuthnAuthenticationParameters(
                    new ServerProperty(origins, rpId, new DefaultChallenge(challenge)), true));
            DeviceCredentialProvider devices = (DeviceCredentialProvider) session.getProvider(CredentialProvider.class,
                    DeviceCredentialProviderFactory.ID);
            return devices.isValid(realm, citizen, input);
        } catch (WebAuthnException | IllegalArgumentException e) {
            return false;
        }
    }
}
