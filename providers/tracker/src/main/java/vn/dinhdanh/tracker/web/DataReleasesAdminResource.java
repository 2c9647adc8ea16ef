package vn.dinhdanh.tracker.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import vn.dinhdanh.tracker.DataTracker;
import vn.dinhdanh.tracker.chain.ReleaseRow;
import vn.dinhdanh.tracker.chain.Verification;
import vn.dinhdanh.tracker.chain.VerifyCommand;

/**
 * {@code /admin/realms/{realm}/data-releases}, Keycloak's admin API (its authentication; the rights below):
 * <ul>
 *   <li>{@code GET verify[?anchor=<row>:<hash>]} (realm role {@code view-events}): walks the whole chain; 200 with
 *       {@code intact: true}, or 409 naming the first bad row;</li>
 *   <li>{@code GET [?idNumber=…][&from=…&to=…][&format=csv][&max=…]} ({@code view-events} and {@code view-users}): one
 *       citizen's releases (the server turns the number into the stored pseudonym) or a realm's in a time range;
 *       each export is an admin event (resource {@code DATA_RELEASES}, no number in it).</li>
 * </ul>
 */
public final class DataReleasesAdminResource {

    static final int DEFAULT_MAX = 1000;
    static final int MAX = 10_000;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    DataReleasesAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource("DATA_RELEASES");
    }

    @GET
    @Path("verify")
    @Produces(MediaType.APPLICATION_JSON)
    public Response verify(@QueryParam("anchor") String anchor) {
        auth.realm().requireViewEvents();
        VerifyCommand.Anchor parsed;
        try {
            parsed = VerifyCommand.Anchor.parse(anchor);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        Verification result = session.getProvider(DataTracker.class).verify(parsed.witnesses());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("intact", result.intact());
        body.put("rows", result.rows());
        body.put("head", Map.of("row", result.headSeq(), "hash", String.valueOf(result.headHash())));
        result.firstProblem().ifPresent(p -> {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("row", p.seq());
            problem.put("kind", p.kind().code());
            problem.put("description", p.description());
            body.put("problem", problem);
        });
        return Response.status(result.intact() ? Response.Status.OK : Response.Status.CONFLICT).entity(body)
                .header("Cache-Control", "no-store").build();
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response export(@QueryParam("idNumber") String idNumber, @QueryParam("from") String from,
                           @QueryParam("to") String to, @QueryParam("format") String format, @QueryParam("max") Integer max) {
        auth.realm().requireViewEvents();
        auth.users().requireView();
        boolean csv = "csv".equals(format);
        if (format != null && !csv && !"json".equals(format)) {
            throw ApiError.badRequest("format is json or csv");
        }
        int limit = max == null ? DEFAULT_MAX : max;
        if (limit < 1 || limit > MAX) {
            throw ApiError.badRequest("max is between 1 and " + MAX);
        }
        long fromMs = instant("from", from, 0);
        long toMs = instant("to", to, Long.MAX_VALUE);
        if (fromMs >= toMs) {
            throw ApiError.badRequest("from must be before to");
        }
        DataTracker tracker = session.getProvider(DataTracker.class);
        String subject = null;
        if (idNumber != null) {
            if (!idNumber.matches("[0-9]{12}")) {
                throw ApiError.badRequest("idNumber is the citizen's 12-digit personal identification number");
            }
            UserModel citizen = session.users().getUserByUsername(realm, idNumber);
            if (citizen == null) {
                throw ApiError.of(Response.Status.NOT_FOUND, "citizen_unknown", "no citizen has that number");
            }
            subject = tracker.pseudonym(realm.getId(), citizen.getId());
        }
        List<ReleaseRow> rows = tracker.export(realm.getId(), subject, fromMs, toMs, limit);
        // The event says what was exported, never whose number: the pseudonym is enough to correlate.
        adminEvent.operation(OperationType.ACTION).resourcePath("data-releases", "export")
                .detail("export_scope", subject == null ? "time_range" : "citizen")
                .detail("export_rows", String.valueOf(rows.size())).success();
        if (csv) {
            return Response.ok(ReleaseExport.csv(rows, realm), "text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"data-releases.csv\"")
                    .header("Cache-Control", "no-store").build();
        }
        return Response.ok(Map.of("releases", ReleaseExport.json(rows, realm), "count", rows.size()), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store").build();
    }

    private static long instant(String name, String value, long otherwise) {
        if (value == null || value.isEmpty()) {
            return otherwise;
        }
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(name + " is an ISO-8601 instant, e.g. 2026-11-24T00:00:00Z");
        }
    }
}
