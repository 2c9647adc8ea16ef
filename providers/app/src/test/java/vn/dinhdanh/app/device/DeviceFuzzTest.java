package vn.dinhdanh.app.device;

import static vn.dinhdanh.app.device.AppAttestVectors.PRODUCTION_APP_ID;
import static vn.dinhdanh.app.device.AppAttestVectors.PRODUCTION_ATTESTATION;
import static vn.dinhdanh.app.device.AppAttestVectors.PRODUCTION_CHALLENGE;
import static vn.dinhdanh.app.device.AppAttestVectors.PRODUCTION_KEY_ID;
import static vn.dinhdanh.app.device.AppAttestVectors.PRODUCTION_TIME;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.webauthn4j.WebAuthnRegistrationManager;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.util.exception.WebAuthnException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Coverage-guided fuzz targets (Jazzer) for the device parsers a stranger's bytes reach: the WebAuthn
 * attestation object (enrolment), the WebAuthn assertion (sign-in), the App Attest attestation and assertion.
 * The rule: what the resources catch and answer 400 (webauthn4j's {@link WebAuthnException}, which covers its
 * verification and CBOR conversion errors, and {@link IllegalArgumentException}), nothing else.
 */
class DeviceFuzzTest {

    private static final TestDevice DEVICE = new TestDevice();
    private static final AppAttest APP_ATTEST = AppAttest.apple(true, Clock.fixed(Instant.parse(PRODUCTION_TIME), ZoneOffset.UTC));
    private static final byte[] CLIENT_DATA_HASH = TestDevice.sha256(PRODUCTION_CHALLENGE);
    private static final AttestedCredentialData PRODUCTION_KEY = APP_ATTEST.verifyAppAttest(PRODUCTION_KEY_ID,
            PRODUCTION_ATTESTATION, CLIENT_DATA_HASH, PRODUCTION_APP_ID).attestedCredentialData();

    /** Made once: the fuzzer's time goes to the parser and the verification, not to a new key pair and signature. */
    private static final RegistrationRequest GENUINE_REGISTRATION = DEVICE.packedSelf();
    private static final WebAuthnRegistrationManager REGISTRATIONS =
            Attestations.registrationManager(AttestationPolicy.of(false, true, List.of()), TestPki.CLOCK);

    /** An enrolment's attestation object, verified against the device's own client data and parameters. */
    @FuzzTest(maxDuration = "10s")
    void webauthnAttestation(byte[] attestationObject) {
        try {
            Attestations.verify(REGISTRATIONS, new RegistrationRequest(attestationObject, GENUINE_REGISTRATION.getClientDataJSON()),
                    DEVICE.parameters());
        } catch (WebAuthnException | IllegalArgumentException expected) {
            // answered 400 attestation_invalid
        }
    }

    /**
     * A sign-in's client data as a phone sends it: well-formed, so that the parser goes on to the fuzzer's
     * authenticator data (with a bare {@code {"type":...}} it stopped at the client data, every input alike).
     */
    private static final byte[] SIGN_IN_CLIENT_DATA = ("{\"type\":\"webauthn.get\",\"challenge\":\"AAAAAAAAAAAAAAAAAAAAAA\","
            + "\"origin\":\"" + TestDevice.ORIGIN + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /** A sign-in assertion's authenticator data (CBOR extensions included) and signature, parsed. */
    @FuzzTest(maxDuration = "10s")
    void webauthnAssertion(byte[] authenticatorData) {
        try {
            Devices.readAssertion(new AuthenticationRequest(PRODUCTION_KEY_ID, authenticatorData, SIGN_IN_CLIENT_DATA, new byte[70]));
        } catch (WebAuthnException | IllegalArgumentException expected) {
            // refused: the assertion does not verify
        }
    }

    @FuzzTest(maxDuration = "10s")
    void appAttestAttestation(byte[] attestationObject) {
        try {
            APP_ATTEST.verifyAppAttest(PRODUCTION_KEY_ID, attestationObject, CLIENT_DATA_HASH, PRODUCTION_APP_ID);
        } catch (WebAuthnException | IllegalArgumentException expected) {
            // answered 400 attestation_invalid
        }
    }

    @FuzzTest(maxDuration = "10s")
    void appAttestAssertion(byte[] assertion) {
        try {
            APP_ATTEST.verifyAppAssertion(PRODUCTION_KEY_ID, assertion, CLIENT_DATA_HASH, PRODUCTION_APP_ID, PRODUCTION_KEY, 0);
        } catch (WebAuthnException | IllegalArgumentException expected) {
            // the assertion does not verify: the sign-in is refused
        }
    }
}
