package vn.dinhdanh.app.push.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.security.PrivateKey;

/**
 * The parts of a Google service-account key file ({@code client_email}, {@code private_key}, {@code private_key_id},
 * {@code token_uri}) that the JWT-bearer grant needs. Equal accounts share one access token.
 */
record ServiceAccount(String clientEmail, String privateKeyId, PrivateKey privateKey, URI tokenUri) {

    static final URI GOOGLE_TOKEN_URI = URI.create("https://oauth2.googleapis.com/token");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @throws IllegalArgumentException with a message that quotes nothing of the file */
    static ServiceAccount parse(String json) {
        JsonNode file;
        try {
            file = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON"); // Jackson's message would quote the file
        }
        if (file == null || !file.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String email = file.path("client_email").asText("");
        String pem = file.path("private_key").asText("");
        if (email.isBlank() || pem.isBlank()) {
            throw new IllegalArgumentException("client_email or private_key missing");
        }
        String tokenUri = file.path("token_uri").asText("");
        URI uri;
        try {
            uri = tokenUri.isBlank() ? GOOGLE_TOKEN_URI : URI.create(tokenUri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("token_uri is not a URI");
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("token_uri is not an http(s) URI");
        }
        String keyId = file.path("private_key_id").asText("");
        return new ServiceAccount(email, keyId.isBlank() ? null : keyId, Jwts.privateKey(pem, "RSA"), uri);
    }

    @Override
    public String toString() {
        return "ServiceAccount[" + clientEmail + "]";
    }
}
