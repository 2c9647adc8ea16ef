package vn.dinhdanh.app.device;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.CollectedClientDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.AndroidKeyAttestationStatement;
import com.webauthn4j.data.attestation.statement.AttestationCertificatePath;
import com.webauthn4j.data.attestation.statement.AttestationStatement;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.attestation.statement.PackedAttestationStatement;
import com.webauthn4j.data.client.ClientDataType;
import com.webauthn4j.data.client.CollectedClientData;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;
import com.webauthn4j.server.ServerProperty;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Set;

/**
 * A device key's registration as the app would send it (client data and attestation object), in each attestation
 * format, for an enrolment challenge of its own; the key is a software P-256 key pair.
 */
final class TestDevice {

    static final String RP_ID = "dinhdanh.test";
    static final String ORIGIN = "https://dinhdanh.test";

    private static final ObjectConverter CONVERTER = new ObjectConverter();
    private static final byte FLAGS = (byte) (AuthenticatorData.BIT_UP | AuthenticatorData.BIT_UV | AuthenticatorData.BIT_AT);

    final KeyPair key = TestPki.p256();
    private final byte[] credentialId = random(16);
    private final byte[] challenge = random(32);
    private final byte[] clientData = new CollectedClientDataConverter(CONVERTER).convertToBytes(new CollectedClientData(
            ClientDataType.WEBAUTHN_CREATE, new DefaultChallenge(challenge), new Origin(ORIGIN), null));

    byte[] clientDataHash() {
        return sha256(clientData);
    }

    /** What enrolment checks against: the challenge, relying party and origin, ES256, user presence and verification. */
    RegistrationParameters parameters() {
        return new RegistrationParameters(new ServerProperty(Set.of(new Origin(ORIGIN)), RP_ID, new DefaultChallenge(challenge)),
                List.of(new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256)),
                true, true);
    }

    /** Packed self-attestation: signed by the credential key itself, no certificate (the sandbox phone's). */
    RegistrationRequest packedSelf() {
        byte[] authenticatorData = authenticatorData();
        return request(authenticatorData, new PackedAttestationStatement(COSEAlgorithmIdentifier.ES256,
                sign(key.getPrivate(), authenticatorData), null));
    }

    /** Packed full attestation: signed by {@code attestationKey}, whose certificate is {@code x5c}'s first. */
    RegistrationRequest packedCertified(KeyPair attestationKey, List<X509Certificate> x5c) {
        byte[] authenticatorData = authenticatorData();
        return request(authenticatorData, new PackedAttestationStatement(COSEAlgorithmIdentifier.ES256,
                sign(attestationKey.getPrivate(), authenticatorData), new AttestationCertificatePath(x5c)));
    }

    /** Android key attestation: signed by the credential key, whose certificate (with key description) is {@code x5c}'s first. */
    RegistrationRequest androidKey(List<X509Certificate> x5c) {
        return androidKey(key, x5c);
    }

    /** The same, signed by another key than this device's (whose certificate is {@code x5c}'s first). */
    RegistrationRequest androidKey(KeyPair signer, List<X509Certificate> x5c) {
        byte[] authenticatorData = authenticatorData(signer);
        return request(authenticatorData, new AndroidKeyAttestationStatement(COSEAlgorithmIdentifier.ES256,
                sign(signer.getPrivate(), authenticatorData), new AttestationCertificatePath(x5c)));
    }

    RegistrationRequest none() {
        return request(authenticatorData(), new NoneAttestationStatement());
    }

    private byte[] authenticatorData() {
        return authenticatorData(key);
    }

    private byte[] authenticatorData(KeyPair credential) {
        AttestedCredentialData attested = new AttestedCredentialData(AAGUID.ZERO, credentialId,
                EC2COSEKey.create((ECPublicKey) credential.getPublic(), COSEAlgorithmIdentifier.ES256));
        return new AuthenticatorDataConverter(CONVERTER).convert(new AuthenticatorData<RegistrationExtensionAuthenticatorOutput>(
                sha256(RP_ID.getBytes(StandardCharsets.UTF_8)), FLAGS, 1, attested));
    }

    private RegistrationRequest request(byte[] authenticatorData, AttestationStatement statement) {
        AuthenticatorData<RegistrationExtensionAuthenticatorOutput> parsed = new AuthenticatorDataConverter(CONVERTER).convert(authenticatorData);
        byte[] attestationObject = new AttestationObjectConverter(CONVERTER).convertToBytes(new AttestationObject(parsed, statement));
        return new RegistrationRequest(attestationObject, clientData);
    }

    private byte[] sign(PrivateKey signer, byte[] authenticatorData) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(signer);
            signature.update(authenticatorData);
            signature.update(clientDataHash());
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
