package vn.dinhdanh.chip.trustadmin;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import vn.dinhdanh.chip.trust.TrustState;

/**
 * {@code /admin/realms/{realm}/chip-trust}: this node's CSCA trust ({@code GET}) and reloading it from its
 * files now ({@code POST .../reload}), for an administrator who may manage the realm. The reload is an admin
 * event ({@code ACTION} on resource {@value #RESOURCE}). Per node: the answer names what this node loaded;
 * other nodes pick the same files up on their next timer tick.
 */
public final class TrustAdminResource {

    static final String RESOURCE = "CHIP_TRUST";

    private final KeycloakSession session;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final TrustState trust;
    private final TrustMonitor monitor;

    TrustAdminResource(KeycloakSession session, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent,
                       TrustState trust, TrustMonitor monitor) {
        this.session = session;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(RESOURCE);
        this.trust = trust;
        this.monitor = monitor;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response state() {
        auth.realm().requireViewRealm();
        return Response.ok(summary(null)).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("reload")
    @Produces(MediaType.APPLICATION_JSON)
    public Response reload() {
        auth.realm().requireManageRealm();
        TrustState.Attempt attempt = monitor.tick(true);
        Map<String, Object> body = summary(attempt);
        adminEvent.operation(OperationType.ACTION).resourcePath(session.getContext().getUri()).representation(body).success();
        return Response.status(attempt.result() == TrustState.Result.FAILED ? 409 : 200).entity(body)
                .header("Cache-Control", "no-store").build();
    }

    private Map<String, Object> summary(TrustState.Attempt attempt) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (attempt != null) {
            body.put("result", attempt.result().name().toLowerCase(java.util.Locale.ROOT));
            if (attempt.error() != null) {
                body.put("error", "trust_reload_failed");
                body.put("error_description", attempt.error());
            }
        }
        body.put("loadedAt", trust.loadedAt().toString());
        body.put("cscas", trust.store().cscas().size());
        body.put("crls", trust.crlFreshness().stream().map(crl -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("issuer", crl.issuer());
            entry.put("nextUpdate", crl.nextUpdate().toString());
            entry.put("stale", crl.stale());
            return entry;
        }).collect(Collectors.toList()));
        body.put("files", trust.files().stream().map(Object::toString).collect(Collectors.toList()));
        return body;
    }

}
