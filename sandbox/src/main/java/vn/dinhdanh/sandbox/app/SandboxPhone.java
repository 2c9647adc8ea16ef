package vn.dinhdanh.sandbox.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.CollectedClientDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.PackedAttestationStatement;
import com.webauthn4j.data.client.ClientDataType;
import com.webauthn4j.data.client.CollectedClientData;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import vn.dinhdanh.app.push.Decisions;

/**
 * The phone the sandbox plays for the VNeID app: a real P-256 key pair (in software, where a phone keeps it
 * in secure hardware), its WebAuthn credential id and signature counter, kept under {@code .dinhdanh/app/}.
 * It speaks WebAuthn's data formats (client data, authenticator data, packed self-attestation), built with
 * webauthn4j, the library the server verifies them with.
 */
public final class SandboxPhone {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectConverter CONVERTER = new ObjectConverter();
    private static final byte FLAGS_UP_UV_AT = (byte) (AuthenticatorData.BIT_UP | AuthenticatorData.BIT_UV | AuthenticatorData.BIT_AT);

    private final KeyPair keys;
    private final byte[] credentialId;
    private long counter;
    private String rpId;
    /** False for platforms whose authenticators do not count (they always send 0). */
    private boolean counting = true;

    private SandboxPhone(KeyPair keys, byte[] credentialId, long counter, String rpId) {
        this.keys = keys;
        this.credentialId = credentialId;
        this.counter = counter;
        this.rpId = rpId;
    }

    /** A new phone: a fresh key pair and credential id. */
    public static SandboxPhone create() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            byte[] id = new byte[16];
            new SecureRandom().nextBytes(id);
            return new SandboxPhone(generator.generateKeyPair(), id, 0, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String credentialId() {
        return Base64.getEncoder().encodeToString(credentialId);
    }

    /**
     * The body of {@code POST /app/enrolments/{id}/device}: a packed self-attestation of this key over the
     * enrolment's {@code challenge}, for relying party {@code rpId}, with user presence and verification.
     */
    public ObjectNode attestation(byte[] challenge, String rpId, String origin, String label) {
        this.rpId = rpId;
        try {
            byte[] clientData = new CollectedClientDataConverter(CONVERTER).convertToBytes(new CollectedClientData(
                    ClientDataType.WEBAUTHN_CREATE, new DefaultChallenge(challenge), new Origin(origin), null));
            AttestedCredentialData credential = new AttestedCredentialData(AAGUID.ZERO, credentialId,
                    EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256));
            AuthenticatorData<RegistrationExtensionAuthenticatorOutput> authenticatorData = new AuthenticatorData<>(
                    sha256(rpId.getBytes(StandardCharsets.UTF_8)), FLAGS_UP_UV_AT, counter, credential);
            byte[] authenticatorBytes = new AuthenticatorDataConverter(CONVERTER).convert(authenticatorData);
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(keys.getPrivate());
            signature.update(authenticatorBytes);
            signature.update(sha256(clientData));
            byte[] attestationObject = new AttestationObjectConverter(CONVERTER).convertToBytes(new AttestationObject(
                    authenticatorData, new PackedAttestationStatement(COSEAlgorithmIdentifier.ES256, signature.sign(), null)));
            Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
            ObjectNode body = JSON.createObjectNode();
            body.put("clientDataJSON", base64url.encodeToString(clientData));
            body.put("attestationObject", base64url.encodeToString(attestationObject));
            body.put("label", label);
            return body;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same key on a platform that does not count signatures (always 0), as some phones do. */
    public SandboxPhone nonCounting() {
        SandboxPhone copy = copy();
        copy.counting = false;
        copy.counter = 0;
        return copy;
    }

    /** The same phone in another state: a cloned key, whose counter does not follow the original's. */
    public SandboxPhone copy() {
        return new SandboxPhone(keys, credentialId.clone(), counter, rpId);
    }

    /**
     * The body of {@code POST /app/pending}: the citizen's number, this device, the time, and the key's
     * signature over {@link Decisions#pendingRequest}.
     */
    public ObjectNode pendingRequest(String idNumber, long timestamp) {
        ObjectNode body = JSON.createObjectNode();
        body.put("idNumber", idNumber);
        body.put("credentialId", credentialId());
        body.put("timestamp", timestamp);
        body.put("signature", Base64.getUrlEncoder().withoutPadding().encodeToString(sign(Decisions.pendingRequest(credentialId(), timestamp))));
        return body;
    }

    /** The body of {@code POST /app/push-token}: as {@link #pendingRequest}, signing {@link Decisions#pushTokenRequest}. */
    public ObjectNode pushTokenRequest(String idNumber, long timestamp, String platform, String token) {
        ObjectNode body = JSON.createObjectNode();
        body.put("idNumber", idNumber);
        body.put("credentialId", credentialId());
        body.put("timestamp", timestamp);
        body.put("platform", platform);
        body.put("token", token);
        body.put("signature", Base64.getUrlEncoder().withoutPadding().encodeToString(
                sign(Decisions.pushTokenRequest(credentialId(), timestamp, platform, token))));
        return body;
    }

    /** The body of {@code POST /app/qr-scans}: as {@link #pendingRequest}, signing {@link Decisions#scanRequest}. */
    public ObjectNode scanRequest(String idNumber, long timestamp, String payload) {
        ObjectNode body = JSON.createObjectNode();
        body.put("idNumber", idNumber);
        body.put("credentialId", credentialId());
        body.put("timestamp", timestamp);
        body.put("payload", payload);
        body.put("signature", Base64.getUrlEncoder().withoutPadding().encodeToString(sign(Decisions.scanRequest(credentialId(), timestamp, payload))));
        return body;
    }

    /**
     * The body of {@code POST /app/challenges/{id}/decision}: a WebAuthn assertion (user present and
     * verified, the counter one up) whose challenge covers the decision and the number picked.
     */
    public ObjectNode decision(byte[] challenge, String decision, int number, String origin) {
        try {
            if (counting) {
                counter++;
            }
            byte[] clientData = new CollectedClientDataConverter(CONVERTER).convertToBytes(new CollectedClientData(
                    ClientDataType.WEBAUTHN_GET, new DefaultChallenge(Decisions.signedChallenge(challenge, decision, number)),
                    new Origin(origin), null));
            byte[] authenticatorData = new AuthenticatorDataConverter(CONVERTER).convert(new AuthenticatorData<>(
                    sha256(rpId.getBytes(StandardCharsets.UTF_8)), (byte) (AuthenticatorData.BIT_UP | AuthenticatorData.BIT_UV), counter));
            byte[] signed = new byte[authenticatorData.length + 32];
            System.arraycopy(authenticatorData, 0, signed, 0, authenticatorData.length);
            System.arraycopy(sha256(clientData), 0, signed, authenticatorData.length, 32);
            Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
            ObjectNode body = JSON.createObjectNode();
            body.put("credentialId", credentialId());
            body.put("decision", decision);
            body.put("number", number);
            body.put("authenticatorData", base64url.encodeToString(authenticatorData));
            body.put("clientDataJSON", base64url.encodeToString(clientData));
            body.put("signature", base64url.encodeToString(sign(signed)));
            return body;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(keys.getPrivate());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keeps the phone in {@code file} (owner-only: it holds the private key). */
    public void save(Path file) {
        ObjectNode node = JSON.createObjectNode();
        node.put("privateKey", Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()));
        node.put("publicKey", Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
        node.put("credentialId", credentialId());
        node.put("counter", counter);
        node.put("rpId", rpId);
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SandboxPhone load(Path file) {
        try {
            JsonNode node = JSON.readTree(Files.readString(file));
            KeyFactory ec = KeyFactory.getInstance("EC");
            KeyPair keys = new KeyPair(
                    ec.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(node.path("publicKey").asText()))),
                    ec.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(node.path("privateKey").asText()))));
            return new SandboxPhone(keys, Base64.getDecoder().decode(node.path("credentialId").asText()), node.path("counter").asLong(),
                    node.path("rpId").asText(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(file + " holds no usable key", e);
        }
    }

    private static byte[] sha256(byte[] bytes) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
