package vn.dinhdanh.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BankOnlineClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    @Test
    @DisplayName("the sample bank's key is drawn once, kept owner-only, and only its public half is handed out")
    void keyIsKeptAndOnlyThePublicHalfLeaves() throws Exception {
        String first = BankOnlineClient.publicJwks(data);
        Path file = BankOnlineClient.privateKeyFile(data);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(JSON.readTree(file.toFile()).path("d").asText()).isNotEmpty();

        JsonNode keys = JSON.readTree(first).path("keys");
        assertThat(keys).hasSize(1);
        JsonNode key = keys.get(0);
        assertThat(key.has("d")).isFalse();
        assertThat(key.path("kty").asText()).isEqualTo("EC");
        assertThat(key.path("crv").asText()).isEqualTo("P-256");
        assertThat(key.path("alg").asText()).isEqualTo("ES256");
        assertThat(Base64.getUrlDecoder().decode(key.path("x").asText())).hasSize(32);
        assertThat(Base64.getUrlDecoder().decode(key.path("y").asText())).hasSize(32);
        // RFC 7638 thumbprint as key id, as nimbus and Keycloak compute it.
        String canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + key.path("x").asText() + "\",\"y\":\"" + key.path("y").asText() + "\"}";
        assertThat(key.path("kid").asText()).isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.US_ASCII))));

        assertThat(BankOnlineClient.publicJwks(data)).isEqualTo(first);
    }
}
