package vn.dinhdanh.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;

/** Reading the app API's JSON requests and writing its answers: size cap, stable error codes, no caching. */
final class ApiRequests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private ApiRequests() {
    }

    /** An answer that no cache may keep: codes, challenges and decisions are single use. */
    static Response noStore(Response.Status status, Object entity) {
        return Response.status(status).entity(entity).header("Cache-Control", "no-store").build();
    }

    static JsonNode read(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiError(Response.Status.REQUEST_ENTITY_TOO_LARGE, "request_too_large", "the body exceeds " + MAX_BODY_BYTES + " bytes");
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw ApiError.badRequest("malformed_json", "the body is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            // Not only JsonProcessingException: bytes Jackson takes for UTF-32 fail as CharConversionException.
            throw ApiError.badRequest("malformed_json", "the body is not JSON");
        }
    }

    static byte[] base64(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isTextual()) {
            throw ApiError.badRequest("invalid_request", field + " is required (base64)");
        }
        try {
            return Base64.getDecoder().decode(value.asText());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("invalid_request", field + " is not base64");
        }
    }

    static byte[] base64url(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isTextual()) {
            throw ApiError.badRequest("invalid_request", field + " is required (base64url)");
        }
        try {
            return Base64.getUrlDecoder().decode(value.asText());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("invalid_request", field + " is not base64url");
        }
    }
}
