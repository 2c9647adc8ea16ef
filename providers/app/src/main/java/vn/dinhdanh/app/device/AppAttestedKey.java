package vn.dinhdanh.app.device;

import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import org.keycloak.credential.WebAuthnCredentialModelInput;

/**
 * An iOS device key whose Apple App Attest attestation verified: what a {@value DeviceCredentialProvider#TYPE}
 * credential stores (credential id = App Attest key id, COSE public key, signature counter, format
 * {@value AppAttest#FORMAT}) and Apple's receipt (for Apple's fraud metric, not stored yet).
 *
 * @param attestedCredentialData the key's id, its AAGUID ({@code appattest} or {@code appattestdevelop}) and COSE key
 * @param signCount the counter of the attestation (0); each assertion must count above the last
 * @param receipt Apple's receipt of the attestation (PKCS #7)
 */
public record AppAttestedKey(AttestedCredentialData attestedCredentialData, long signCount, byte[] receipt) {

    public byte[] credentialId() {
        return attestedCredentialData.getCredentialId();
    }

    public String format() {
        return AppAttest.FORMAT;
    }

    /** The input of {@code DeviceCredentialProvider#getCredentialModelFromCredentialInput}, as enrolment builds it. */
    public WebAuthnCredentialModelInput credentialInput() {
        WebAuthnCredentialModelInput input = new WebAuthnCredentialModelInput(DeviceCredentialProvider.TYPE);
        input.setAttestedCredentialData(attestedCredentialData);
        input.setCount(signCount);
        input.setAttestationStatementFormat(AppAttest.FORMAT);
        return input;
    }

    @Override
    public String toString() {
        return "AppAttestedKey[" + attestedCredentialData.getAaguid() + ", signCount=" + signCount + "]";
    }
}
