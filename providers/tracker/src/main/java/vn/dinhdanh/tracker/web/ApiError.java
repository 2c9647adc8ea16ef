package vn.dinhdanh.tracker.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** The tracker's JSON errors: {@code {"error": code, "error_description": text}}, codes stable. */
final class ApiError {

    private ApiError() {
    }

    static WebApplicationException badRequest(String description) {
        return of(Response.Status.BAD_REQUEST, "invalid_request", description);
    }

    static WebApplicationException of(Response.Status status, String code, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("error_description", description);
        return new WebApplicationException(Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body)
                .header("Cache-Control", "no-store").build());
    }
}
