package vn.dinhdanh.app.enrolment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import vn.dinhdanh.app.api.ApiError;
import vn.dinhdanh.app.options.AppOptions;
import vn.dinhdanh.population.storage.Citizens;

/**
 * {@code POST /admin/realms/{realm}/vneid-enrolment-codes} {@code {"idNumber"}} → 201 {@code {"code", "expiresAt"}}:
 * a one-time code for the citizen's app, handed over in person after the identity check. Keycloak has authenticated
 * the administrator; issuing needs the right to manage that user, and is an admin event (operation CREATE on the
 * user, detail {@code credential_type=vneid-device}; the code itself is in no event and no log).
 */
public final class EnrolmentCodeAdminResource {

    private static final Logger LOG = Logger.getLogger(EnrolmentCodeAdminResource.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    EnrolmentCodeAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.USER);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response issue(InputStream body) throws IOException {
        JsonNode request;
        try {
            request = JSON.readTree(body.readNBytes(4096));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiError.badRequest("malformed_json", "the body is not JSON");
        }
        String idNumber = request == null ? "" : request.path("idNumber").asText("");
        UserModel citizen = Citizens.byNumber(session, realm, idNumber);
        if (citizen != null) {
            auth.users().requireManage(citizen); // 403 as Keycloak answers it
        } else {
            auth.users().requireManage();
        }
        if (citizen == null || !citizen.isEnabled()) {
            throw ApiError.badRequest("citizen_unknown", "no citizen who may log in has that number");
        }
        Enrolments.Code code = new Enrolments(session, realm, AppOptions.of(session).settings().clock())
                .issueCode(citizen.getId(), AppOptions.of(session).settings().codeLifetime());
        adminEvent.operation(OperationType.CREATE).resourcePath("users", citizen.getId(), "vneid-enrolment-code")
                .detail("credential_type", "vneid-device").success();
        LOG.infof("app: enrolment code issued by %s", auth.adminAuth().getUser().getUsername());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("code", code.code());
        answer.put("expiresAt", code.expiresAt().toString());
        return Response.status(Response.Status.CREATED).entity(answer).header("Cache-Control", "no-store").build();
    }
}
