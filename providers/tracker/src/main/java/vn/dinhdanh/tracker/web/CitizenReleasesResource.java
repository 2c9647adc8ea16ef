package vn.dinhdanh.tracker.web;

import jakarta.ws.rs.GET;
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
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.resources.RealmsResource;
import org.keycloak.theme.Theme;
import vn.dinhdanh.tracker.DataTracker;
import vn.dinhdanh.tracker.chain.ReleaseRow;

/**
 * {@code GET /realms/{realm}/data-tracker/[?page=N]}: "who received my data", for the citizen signed in to this
 * browser (Keycloak's SSO cookie). Without a session, the browser is sent to log in (client {@code data-tracker},
 * whose only redirect URI is this page; the code it returns is never redeemed, the login's SSO cookie is what this
 * page needs). Rendered with the realm's login theme, in the citizen's language (Vietnamese first).
 */
public final class CitizenReleasesResource {

    public static final String CLIENT_ID = "data-tracker";
    static final int PAGE_SIZE = 20;
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");

    private final KeycloakSession session;

    CitizenReleasesResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@QueryParam("page") String pageParam, @QueryParam("code") String code, @QueryParam("error") String error) {
        RealmModel realm = session.getContext().getRealm();
        AuthenticationManager.AuthResult auth = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
        if (auth == null) {
            if (code != null || error != null) {
                // Back from the login without a session (cookies refused, or the login cancelled): no loop.
                return errorPage(realm, "dinhdanh.tracker.loginRequired");
            }
            return login(realm);
        }
        if (code != null) {
            return Response.seeOther(pageUri(realm, 1)).build(); // the unredeemed code leaves the address bar
        }
        int page;
        try {
            page = pageParam == null ? 1 : Integer.parseInt(pageParam);
        } catch (NumberFormatException e) {
            page = 0;
        }
        if (page < 1 || page > 100_000) {
            return errorPage(realm, "dinhdanh.tracker.badPage");
        }
        UserModel user = auth.user();
        DataTracker tracker = session.getProvider(DataTracker.class);
        String subject = tracker.pseudonym(realm.getId(), user.getId());
        long total = tracker.countOf(realm.getId(), subject);
        List<ReleaseRow> rows = tracker.releasesOf(realm.getId(), subject, (page - 1) * PAGE_SIZE, PAGE_SIZE);

        LoginFormsProvider forms = session.getProvider(LoginFormsProvider.class).setUser(user);
        Locale locale = session.getContext().resolveLocale(user);
        Properties messages = messages(realm, locale);
        List<Map<String, Object>> releases = new ArrayList<>();
        for (ReleaseRow row : rows) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("client", clientName(realm, row.clientId(), messages));
            r.put("time", TIME.format(Instant.ofEpochMilli(row.time()).atZone(VIETNAM)));
            r.put("channel", label(messages, "dinhdanh.tracker.channel." + row.channel(), row.channel()));
            r.put("items", row.items().stream().map(i -> label(messages, "dinhdanh.tracker.item." + i, i)).toList());
            r.put("loa", row.loa() == null ? "—" : row.loa());
            r.put("method", row.method() == null ? "—" : label(messages, "dinhdanh.tracker.method." + row.method(), row.method()));
            releases.add(r);
        }
        forms.setAttribute("releases", releases);
        forms.setAttribute("total", total);
        forms.setAttribute("page", page);
        forms.setAttribute("previousUrl", page > 1 ? pageUri(realm, page - 1).toString() : null);
        forms.setAttribute("nextUrl", (long) page * PAGE_SIZE < total ? pageUri(realm, page + 1).toString() : null);
        return Response.fromResponse(forms.createForm("dinhdanh-data-tracker.ftl")).header("Cache-Control", "no-store").build();
    }

    private Response login(RealmModel realm) {
        if (realm.getClientByClientId(CLIENT_ID) == null) {
            return errorPage(realm, "dinhdanh.tracker.unavailable");
        }
        byte[] verifier = new byte[32];
        new SecureRandom().nextBytes(verifier);
        String codeVerifier = Base64.getUrlEncoder().withoutPadding().encodeToString(verifier);
        URI auth = RealmsResource.protocolUrl(session.getContext().getUri().getBaseUriBuilder())
                .path("auth")
                .queryParam("client_id", CLIENT_ID)
                .queryParam("response_type", "code")
                .queryParam("scope", "openid")
                .queryParam("redirect_uri", pageUri(realm, 0))
                .queryParam("state", codeVerifier.substring(0, 16))
                // PKCE as every browser client here: the code is never redeemed, so the verifier is dropped.
                .queryParam("code_challenge", s256(codeVerifier))
                .queryParam("code_challenge_method", "S256")
                .build(realm.getName(), "openid-connect");
        return Response.seeOther(auth).build();
    }

    private Response errorPage(RealmModel realm, String messageKey) {
        return session.getProvider(LoginFormsProvider.class).setError(messageKey).createErrorPage(Response.Status.BAD_REQUEST);
    }

    private URI pageUri(RealmModel realm, int page) {
        UriBuilder builder = session.getContext().getUri().getBaseUriBuilder().path("realms").path(realm.getName())
                .path(CitizenReleasesResourceFactory.ID).path("/");
        if (page > 1) {
            builder.queryParam("page", page);
        }
        return builder.build();
    }

    private Properties messages(RealmModel realm, Locale locale) {
        try {
            return session.theme().getTheme(Theme.Type.LOGIN).getEnhancedMessages(realm, locale);
        } catch (IOException e) {
            return new Properties();
        }
    }

    private static String label(Properties messages, String key, String otherwise) {
        return messages.getProperty(key, otherwise);
    }

    /** The client's display name (a {@code ${key}} name through the theme's messages), else its id. */
    private static String clientName(RealmModel realm, String clientId, Properties messages) {
        ClientModel client = realm.getClientByClientId(clientId);
        String name = client == null ? null : client.getName();
        if (name == null || name.isBlank()) {
            return clientId;
        }
        if (name.startsWith("${") && name.endsWith("}")) {
            return messages.getProperty(name.substring(2, name.length() - 1), clientId);
        }
        return name;
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
