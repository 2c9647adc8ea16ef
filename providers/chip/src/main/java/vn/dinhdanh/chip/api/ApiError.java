package vn.dinhdanh.chip.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refused API request, answered as {@code {"error": code, "error_description": text}} (OAuth's shape,
 * familiar to relying parties). Codes are stable; descriptions are for developers, in English.
 */
public final class ApiError extends WebApplicationException {

    private ApiError(Response.Status status, String code, String description) {
        super(description, Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body(code, description))
                .header("Cache-Control", "no-store").build());
    }

    static Map<String, String> body(String code, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("error_description", description);
        return body;
    }

    public static ApiError badRequest(String code, String description) {
        return new ApiError(Response.Status.BAD_REQUEST, code, description);
    }

    public static ApiError tooLarge(int limit) {
        return new ApiError(Response.Status.REQUEST_ENTITY_TOO_LARGE, "request_too_large",
                "the request body exceeds " + limit + " bytes");
    }

    public static ApiError unsupportedMediaType() {
        return new ApiError(Response.Status.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                "send the request as application/json");
    }

    public static ApiError invalidToken() {
        return new ApiError(Response.Status.UNAUTHORIZED, "invalid_token",
                "the bearer token is missing, expired, or not from this realm");
    }

    public static ApiError forbidden(String role) {
        return new ApiError(Response.Status.FORBIDDEN, "insufficient_role",
                "personal data are released only to service accounts with the realm role '" + role + "'");
    }

    /** The challenge cannot be used: {@code challenge_unknown}, {@code challenge_expired}, {@code challenge_reused}. */
    public static ApiError challenge(String code) {
        String description = switch (code) {
            case "challenge_expired" -> "the challenge expired; ask for a new one";
            case "challenge_reused" -> "the challenge was already used; ask for a new one";
            default -> "no such challenge was issued by this realm";
        };
        return new ApiError(Response.Status.BAD_REQUEST, code, description);
    }
}
