package vn.dinhdanh.app.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** A refused app API request: {@code {"error": code, "error_description": text}}, codes stable (README "VNeID app"). */
public final class ApiError extends WebApplicationException {

    public ApiError(Response.Status status, String code, String description) {
        super(description, Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body(code, description))
                .header("Cache-Control", "no-store").build());
    }

    private static Map<String, String> body(String code, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("error_description", description);
        return body;
    }

    public static ApiError badRequest(String code, String description) {
        return new ApiError(Response.Status.BAD_REQUEST, code, description);
    }
}
