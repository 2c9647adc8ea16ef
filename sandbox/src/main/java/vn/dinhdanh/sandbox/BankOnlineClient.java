package vn.dinhdanh.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import vn.dinhdanh.sandbox.keycloak.KeycloakAdmin;

/**
 * The sample FAPI 2.0 bank {@code bank-online} (realm file: shipped disabled, {@code private_key_jwt}, no key).
 * The sandbox draws the bank's key pair once (EC P-256, for ES256 client assertions), keeps the private half
 * owner-only in the data directory as a JWK, and registers the public half through the admin API, as a real
 * bank's onboarding does: no key is ever committed, and the realm file needs none to import.
 */
public final class BankOnlineClient {

    public static final String CLIENT_ID = "bank-online";
    private static final ObjectMapper JSON = new ObjectMapper();

    private BankOnlineClient() {
    }

    /** Where the sandbox keeps the bank's private key (a JWK with {@code d}); for RP code run against the sandbox. */
    public static Path privateKeyFile(Path dataDirectory) {
        return dataDirectory.resolve("bank-online").resolve("private-key.jwk.json");
    }

    /** The public JWK set of the sandbox bank's key, drawing and keeping the key pair on first use. */
    public static String publicJwks(Path dataDirectory) {
        Path file = privateKeyFile(dataDirectory);
        try {
            if (!Files.isRegularFile(file)) {
                Files.createDirectories(file.getParent());
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(newKey()));
            }
            ObjectNode jwk = (ObjectNode) JSON.readTree(file.toFile());
            jwk.remove("d");
            return JSON.createObjectNode().set("keys", JSON.createArrayNode().add(jwk)).toString();
        } catch (IOException | RuntimeException e) {
            throw new SandboxException("cannot read or write the sample bank's key " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Enables {@code bank-online} with {@code publicJwks} as its only client-authentication keys. The update passes
     * the realm's FAPI client policy (which checks every update of such a client), so the realm's settings stay.
     */
    public static void register(KeycloakAdmin admin, String publicJwks) {
        JsonNode found = admin.get("/admin/realms/" + Sandbox.REALM + "/clients?clientId=" + CLIENT_ID);
        if (found.size() != 1) {
            throw new SandboxException("the realm has no client " + CLIENT_ID);
        }
        ObjectNode client = (ObjectNode) found.get(0);
        client.put("enabled", true);
        ObjectNode attributes = client.has("attributes") ? (ObjectNode) client.get("attributes") : client.putObject("attributes");
        attributes.put("use.jwks.url", "false");
        attributes.put("use.jwks.string", "true");
        attributes.put("jwks.string", publicJwks);
        int status = admin.put("/admin/realms/" + Sandbox.REALM + "/clients/" + client.get("id").asText(), client);
        if (status != 204) {
            throw new SandboxException("cannot register the key of " + CLIENT_ID + ": HTTP " + status);
        }
    }

    /** A fresh P-256 key as a private JWK (RFC 7517), its key id the RFC 7638 thumbprint. */
    private static ObjectNode newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
            String x = coordinate(publicKey.getW().getAffineX());
            String y = coordinate(publicKey.getW().getAffineY());
            String thumbprintInput = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}";
            String kid = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(thumbprintInput.getBytes(StandardCharsets.US_ASCII)));
            ObjectNode jwk = JSON.createObjectNode();
            jwk.put("kty", "EC").put("crv", "P-256").put("use", "sig").put("alg", "ES256").put("kid", kid)
                    .put("x", x).put("y", y).put("d", coordinate(((ECPrivateKey) pair.getPrivate()).getS()));
            return jwk;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A P-256 field element as JWK wants it: exactly 32 big-endian bytes, base64url. */
    private static String coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }
}
