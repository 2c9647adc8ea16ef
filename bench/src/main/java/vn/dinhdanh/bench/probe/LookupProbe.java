package vn.dinhdanh.bench.probe;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.resource.RealmResourceProvider;

/**
 * {@code POST /realms/master/lookup-bench/runs}: times user lookups inside the server, where the
 * user storage runs, so the numbers are the storage's and not HTTP's. Master-realm admins only;
 * deployed by the benchmark driver, never into an image.
 */
public final class LookupProbe implements RealmResourceProvider {

    static final int MAX_USERNAMES = 1_000_000;
    static final int MAX_THREADS = 64;

    private final KeycloakSession session;

    LookupProbe(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return this;
    }

    /** Body: {@code {"realm": "...", "usernames": [...], "threads": n}}. */
    @POST
    @Path("runs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> run(Map<String, Object> body) throws InterruptedException {
        requireMasterAdmin();
        if (body == null || !(body.get("realm") instanceof String realmName)
                || !(body.get("usernames") instanceof List<?> names) || !(body.get("threads") instanceof Integer threads)) {
            throw new BadRequestException("expected {\"realm\": string, \"usernames\": [string], \"threads\": int}");
        }
        if (names.isEmpty() || names.size() > MAX_USERNAMES || threads < 1 || threads > MAX_THREADS
                || !names.stream().allMatch(String.class::isInstance)) {
            throw new BadRequestException("1.." + MAX_USERNAMES + " usernames and 1.." + MAX_THREADS + " threads");
        }
        RealmModel realm = session.realms().getRealmByName(realmName);
        if (realm == null) {
            throw new NotFoundException("no realm " + realmName);
        }
        List<String> usernames = names.stream().map(String.class::cast).toList();
        UserLookups.Outcome outcome = UserLookups.run(session.getKeycloakSessionFactory(), realm.getId(), usernames, threads);
        Map<String, Object> answer = new LinkedHashMap<>(outcome.latency().toMap());
        answer.put("notFound", outcome.notFound());
        answer.put("failed", outcome.failed());
        answer.put("threads", threads);
        return answer;
    }

    private void requireMasterAdmin() {
        RealmModel realm = session.getContext().getRealm();
        if (!Config.getAdminRealm().equals(realm.getName())) {
            throw new NotFoundException();
        }
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        if (auth == null) {
            throw new NotAuthorizedException("Bearer");
        }
        RoleModel admin = realm.getRole(AdminRoles.ADMIN);
        if (admin == null || !auth.user().hasRole(admin)) {
            throw new ForbiddenException();
        }
    }

    @Override
    public void close() {
    }
}
