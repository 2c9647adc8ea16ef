package vn.dinhdanh.app.device;

import com.webauthn4j.appattest.DeviceCheckManager;
import com.webauthn4j.appattest.authenticator.DCAppleDeviceImpl;
import com.webauthn4j.appattest.data.DCAssertionParameters;
import com.webauthn4j.appattest.data.DCAssertionRequest;
import com.webauthn4j.appattest.data.DCAttestationData;
import com.webauthn4j.appattest.data.DCAttestationParameters;
import com.webauthn4j.appattest.data.DCAttestationRequest;
import com.webauthn4j.appattest.data.attestation.statement.AppleAppAttestAttestationStatement;
import com.webauthn4j.appattest.server.DCServerProperty;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.extension.authenticator.AuthenticationExtensionsAuthenticatorOutputs;
import com.webauthn4j.verifier.exception.NotAllowedCredentialIdException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.VerificationException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialPublicKeyConverter;
import org.keycloak.models.credential.dto.WebAuthnCredentialData;

/**
 * Apple App Attest, the iOS app's device keys (iOS gives apps no WebAuthn attestation of their own keys), with
 * webauthn4j's App Attest module: the attestation of a new key, and the assertions it signs later.
 * <p>
 * The attestation: Apple's chain up to the App Attestation Root CA (at the clock's time), the nonce in Apple's
 * certificate = SHA-256(authenticatorData ‖ clientDataHash), key id = SHA-256 of the certified public key = the
 * credential id, the relying party hash = SHA-256({@code appId}), counter 0, and the AAGUID of the environment
 * ({@code appattest} in production, {@code appattestdevelop} in development). Neither user presence nor user
 * verification exists in App Attest: an App Attest key proves the genuine app on a genuine Apple device, not the user.
 * <p>
 * {@code clientDataHash} is the caller's to compute from what the server issued (e.g. SHA-256 of the client data that
 * carries the enrolment's challenge, checked by the caller): webauthn4j compares it, it cannot know the challenge.
 */
public final class AppAttest {

    public static final String FORMAT = AppleAppAttestAttestationStatement.FORMAT;

    private static final CredentialPublicKeyConverter KEYS = new CredentialPublicKeyConverter(new ObjectConverter());

    private final DeviceCheckManager manager;

    /**
     * @param anchors the App Attest roots ({@link TrustAnchors#apple()})
     * @param production {@code true}: keys of the production environment only; {@code false}: of development only
     */
    public AppAttest(List<X509Certificate> anchors, boolean production, Clock clock) {
        manager = new DeviceCheckManager(new AnchoredCertPaths(Map.of(FORMAT, anchors), clock),
                DeviceCheckManager.createObjectConverter());
        manager.getAttestationDataValidator().setProduction(production);
    }

    /** Anchored in Apple's App Attestation Root CA. */
    public static AppAttest apple(boolean production, Clock clock) {
        return new AppAttest(TrustAnchors.apple(), production, clock);
    }

    /**
     * The attestation of a new App Attest key ({@code DCAppAttestService.attestKey}).
     *
     * @param appId the app's App ID, {@code <team id>.<bundle id>}
     * @throws VerificationException or {@link DataConversionException}: the attestation does not verify
     */
    public AppAttestedKey verifyAppAttest(byte[] keyId, byte[] attestationObject, byte[] clientDataHash, String appId) {
        DCAttestationData data = Webauthn4jInput.read("the App Attest attestation", () -> manager.validate(
                new DCAttestationRequest(keyId, attestationObject, clientDataHash),
                new DCAttestationParameters(new DCServerProperty(appId, null))));
        AuthenticatorData<?> authenticatorData = data.getAttestationObject().getAuthenticatorData();
        AppleAppAttestAttestationStatement statement =
                (AppleAppAttestAttestationStatement) data.getAttestationObject().getAttestationStatement();
        return new AppAttestedKey(authenticatorData.getAttestedCredentialData(), authenticatorData.getSignCount(),
                statement.getReceipt());
    }

    /**
     * An assertion of an attested key ({@code DCAppAttestService.generateAssertion}): signature by {@code key} over
     * SHA-256(authenticatorData ‖ clientDataHash), relying party {@code appId}, a counter above {@code counter}.
     *
     * @return the assertion's counter, to store as the key's new one
     * @throws VerificationException or {@link DataConversionException}: the assertion does not verify
     */
    public long verifyAppAssertion(byte[] keyId, byte[] assertion, byte[] clientDataHash, String appId,
                                   AttestedCredentialData key, long counter) {
        if (!Arrays.equals(keyId, key.getCredentialId())) {
            throw new NotAllowedCredentialIdException("the assertion is of another key");
        }
        DCAppleDeviceImpl device = new DCAppleDeviceImpl(key, null, counter, new AuthenticationExtensionsAuthenticatorOutputs<>());
        Webauthn4jInput.read("the App Attest assertion", () -> manager.validate(new DCAssertionRequest(keyId, assertion, clientDataHash),
                new DCAssertionParameters(new DCServerProperty(appId, null), device)));
        if (device.getCounter() <= counter) { // webauthn4j lets 0 after 0 pass; App Attest counts from 1
            throw new MaliciousCounterValueException("the key's counter did not grow");
        }
        return device.getCounter();
    }

    /** {@link #verifyAppAssertion(byte[], byte[], byte[], String, AttestedCredentialData, long)} for a stored device. */
    public long verifyAppAssertion(CredentialModel device, byte[] assertion, byte[] clientDataHash, String appId) {
        WebAuthnCredentialData stored = DeviceCredentialProvider.data(device);
        AttestedCredentialData key = new AttestedCredentialData(new AAGUID(stored.getAaguid()),
                Base64.getDecoder().decode(stored.getCredentialId()),
                KEYS.convertToEntityAttribute(stored.getCredentialPublicKey()));
        return verifyAppAssertion(key.getCredentialId(), assertion, clientDataHash, appId, key, stored.getCounter());
    }
}
