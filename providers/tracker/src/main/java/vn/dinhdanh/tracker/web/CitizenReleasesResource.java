package vn.dinhdanh.tracker.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.resources.RealmsResource;
import org.keycloak.theme.Theme;
import vn.dinhdanh.tracker.ChainBrokenException;
import vn.dinhdanh.tracker.DataTracker;
import vn.dinhdanh.tracker.chain.ReleaseRow;

/**
 * {@code /realms/{realm}/data-tracker/}: "who received my data", for the citizen signed in to this browser
 * (Keycloak's SSO cookie), and the chain's public checkpoint. Without a session, the page sends the browser to log
 * in (client {@code data-tracker}, whose only redirect URI is this page; the code it returns is never redeemed, the
 * login's SSO cookie is what this page needs). Rendered with the realm's login theme, in the citizen's language.
 * <ul>
 *   <li>{@code GET /[?page=N][&client=ID]}: the page (cards on a phone, a table on a desktop);</li>
 *   <li>{@code GET download?format=csv|json[&client=ID]}: the citizen's own rows, in words;</li>
 *   <li>{@code GET receipt?row=N}: the signed receipt of one of the citizen's releases;</li>
 *   <li>{@code GET checkpoint}, {@code GET checkpoint-keys}: public, no session.</li>
 * </ul>
 */
public final class CitizenReleasesResource {

    public static final String CLIENT_ID = "data-tracker";
    static final int PAGE_SIZE = 20;
    /** A download holds at most this many rows (a citizen's whole history in practice). */
    static final int DOWNLOAD_MAX = DataReleasesAdminResource.MAX;

    private final KeycloakSession session;

    CitizenReleasesResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@QueryParam("page") String pageParam, @QueryParam("client") String clientParam,
                         @QueryParam("code") String code, @QueryParam("error") String error) {
        RealmModel realm = session.getContext().getRealm();
        AuthenticationManager.AuthResult auth = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
        if (auth == null) {
            if (code != null || error != null) {
                // Back from the login without a session (cookies refused, or the login cancelled): no loop.
                return errorPage("dinhdanh.tracker.loginRequired", Response.Status.BAD_REQUEST);
            }
            return login(realm);
        }
        if (code != null) {
            return Response.seeOther(pageUri(realm, 1, null)).build(); // the unredeemed code leaves the address bar
        }
        int page;
        try {
            page = pageParam == null ? 1 : Integer.parseInt(pageParam);
        } catch (NumberFormatException e) {
            page = 0;
        }
        if (page < 1 || page > 100_000) {
            return errorPage("dinhdanh.tracker.badPage", Response.Status.BAD_REQUEST);
        }
        UserModel user = auth.user();
        DataTracker tracker = session.getProvider(DataTracker.class);
        String subject = tracker.pseudonym(realm.getId(), user.getId());
        List<String> clients = tracker.clientsOf(realm.getId(), subject);
        String client = clientParam == null || clientParam.isEmpty() ? null : clientParam;
        if (client != null && !clients.contains(client)) {
            return errorPage("dinhdanh.tracker.badClient", Response.Status.BAD_REQUEST);
        }
        long total = tracker.countOf(realm.getId(), subject, client);
        List<ReleaseRow> rows = tracker.releasesOf(realm.getId(), subject, client, (page - 1) * PAGE_SIZE, PAGE_SIZE);

        LoginFormsProvider forms = session.getProvider(LoginFormsProvider.class).setUser(user);
        ReleaseLabels labels = labels(realm, user);
        List<Map<String, String>> clientChoices = clients.stream().map(id -> {
            Map<String, String> choice = new LinkedHashMap<>();
            choice.put("id", id);
            choice.put("name", labels.clientName(id));
            return choice;
        }).toList();
        forms.setAttribute("releases", labels.of(rows));
        forms.setAttribute("clients", clientChoices);
        forms.setAttribute("client", client == null ? "" : client);
        forms.setAttribute("total", total);
        forms.setAttribute("page", page);
        forms.setAttribute("pageUrl", pageUri(realm, 0, null).toString());
        forms.setAttribute("previousUrl", page > 1 ? pageUri(realm, page - 1, client).toString() : null);
        forms.setAttribute("nextUrl", (long) page * PAGE_SIZE < total ? pageUri(realm, page + 1, client).toString() : null);
        forms.setAttribute("csvUrl", downloadUri(realm, "csv", client).toString());
        forms.setAttribute("jsonUrl", downloadUri(realm, "json", client).toString());
        forms.setAttribute("receiptUrl", base(realm).path("receipt").build().toString());
        forms.setAttribute("checkpointUrl", base(realm).path("checkpoint").build().toString());
        return Response.fromResponse(forms.createForm("dinhdanh-data-tracker.ftl")).header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("download")
    @Produces({"text/csv", MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    public Response download(@QueryParam("format") String format, @QueryParam("client") String clientParam) {
        RealmModel realm = session.getContext().getRealm();
        AuthenticationManager.AuthResult auth = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
        if (auth == null) {
            return errorPage("dinhdanh.tracker.loginRequired", Response.Status.UNAUTHORIZED);
        }
        if (!"csv".equals(format) && !"json".equals(format)) {
            return errorPage("dinhdanh.tracker.badFormat", Response.Status.BAD_REQUEST);
        }
        DataTracker tracker = session.getProvider(DataTracker.class);
        String subject = tracker.pseudonym(realm.getId(), auth.user().getId());
        String client = clientParam == null || clientParam.isEmpty() ? null : clientParam;
        if (client != null && !tracker.clientsOf(realm.getId(), subject).contains(client)) {
            return errorPage("dinhdanh.tracker.badClient", Response.Status.BAD_REQUEST);
        }
        List<Map<String, Object>> rows = labels(realm, auth.user())
                .of(tracker.releasesOf(realm.getId(), subject, client, 0, DOWNLOAD_MAX));
        Response.ResponseBuilder response = "csv".equals(format)
                ? Response.ok(ReleaseExport.citizenCsv(rows), "text/csv; charset=utf-8")
                : Response.ok(Map.of("releases", ReleaseExport.citizenJson(rows), "count", rows.size()), MediaType.APPLICATION_JSON_TYPE);
        return response.header("Content-Disposition", "attachment; filename=\"dinhdanh-data-tracker." + format + "\"")
                .header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("receipt")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    public Response receipt(@QueryParam("row") String rowParam) {
        RealmModel realm = session.getContext().getRealm();
        AuthenticationManager.AuthResult auth = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
        if (auth == null) {
            return errorPage("dinhdanh.tracker.loginRequired", Response.Status.UNAUTHORIZED);
        }
        long row;
        try {
            row = Long.parseLong(rowParam == null ? "" : rowParam);
        } catch (NumberFormatException e) {
            row = 0;
        }
        if (row < 1) {
            return errorPage("dinhdanh.tracker.receiptUnknown", Response.Status.BAD_REQUEST);
        }
        DataTracker tracker = session.getProvider(DataTracker.class);
        Optional<String> receipt;
        try {
            receipt = tracker.receipt(realm.getId(), tracker.pseudonym(realm.getId(), auth.user().getId()), row, issuer(realm));
        } catch (ChainBrokenException e) {
            return errorPage("dinhdanh.tracker.chainBroken", Response.Status.CONFLICT);
        }
        if (receipt.isEmpty()) {
            // Another citizen's row and a row that does not exist answer alike.
            return errorPage("dinhdanh.tracker.receiptUnknown", Response.Status.NOT_FOUND);
        }
        return Response.ok(receipt.get(), MediaType.APPLICATION_JSON_TYPE)
                .header("Content-Disposition", "attachment; filename=\"dinhdanh-receipt-" + row + ".json\"")
                .header("Cache-Control", "no-store").build();
    }

    /** The chain's head, signed now (flattened JWS JSON); 409 {@code chain_broken} when the head is not the server's. */
    @GET
    @Path("checkpoint")
    @Produces(MediaType.APPLICATION_JSON)
    public Response checkpoint() {
        try {
            String checkpoint = session.getProvider(DataTracker.class).checkpoint(issuer(session.getContext().getRealm()));
            return Response.ok(checkpoint, MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store")
                    .header("Access-Control-Allow-Origin", "*").build();
        } catch (ChainBrokenException e) {
            throw ApiError.of(Response.Status.CONFLICT, "chain_broken",
                    "the chain's head is not what the server wrote; no checkpoint is signed until an operator checks the chain");
        }
    }

    /** The checkpoint key's public half (JWK Set): what checks checkpoints and receipts. */
    @GET
    @Path("checkpoint-keys")
    @Produces(MediaType.APPLICATION_JSON)
    public Response checkpointKeys() {
        return Response.ok(session.getProvider(DataTracker.class).checkpointKeys(), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "public, max-age=3600").header("Access-Control-Allow-Origin", "*").build();
    }

    private Response login(RealmModel realm) {
        if (realm.getClientByClientId(CLIENT_ID) == null) {
            return errorPage("dinhdanh.tracker.unavailable", Response.Status.BAD_REQUEST);
        }
        byte[] verifier = new byte[32];
        new SecureRandom().nextBytes(verifier);
        String codeVerifier = Base64.getUrlEncoder().withoutPadding().encodeToString(verifier);
        URI auth = RealmsResource.protocolUrl(session.getContext().getUri().getBaseUriBuilder())
                .path("auth")
                .queryParam("client_id", CLIENT_ID)
                .queryParam("response_type", "code")
                .queryParam("scope", "openid")
                .queryParam("redirect_uri", pageUri(realm, 0, null))
                .queryParam("state", codeVerifier.substring(0, 16))
                // PKCE as every browser client here: the code is never redeemed, so the verifier is dropped.
                .queryParam("code_challenge", s256(codeVerifier))
                .queryParam("code_challenge_method", "S256")
                .build(realm.getName(), "openid-connect");
        return Response.seeOther(auth).build();
    }

    private Response errorPage(String messageKey, Response.Status status) {
        return session.getProvider(LoginFormsProvider.class).setError(messageKey).createErrorPage(status);
    }

    private ReleaseLabels labels(RealmModel realm, UserModel user) {
        Locale locale = session.getContext().resolveLocale(user);
        Properties messages;
        try {
            messages = session.theme().getTheme(Theme.Type.LOGIN).getEnhancedMessages(realm, locale);
        } catch (IOException e) {
            messages = new Properties();
        }
        return new ReleaseLabels(realm, messages, locale);
    }

    private String issuer(RealmModel realm) {
        return session.getContext().getUri().getBaseUriBuilder().path("realms").path(realm.getName()).build().toString();
    }

    private UriBuilder base(RealmModel realm) {
        return session.getContext().getUri().getBaseUriBuilder().path("realms").path(realm.getName())
                .path(CitizenReleasesResourceFactory.ID);
    }

    private URI pageUri(RealmModel realm, int page, String client) {
        UriBuilder builder = base(realm).path("/");
        if (page > 1) {
            builder.queryParam("page", page);
        }
        if (client != null) {
            builder.queryParam("client", client);
        }
        return builder.build();
    }

    private URI downloadUri(RealmModel realm, String format, String client) {
        UriBuilder builder = base(realm).path("download").queryParam("format", format);
        if (client != null) {
            builder.queryParam("client", client);
        }
        return builder.build();
    }

    private static String s256(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
