package vn.dinhdanh.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import vn.dinhdanh.sandbox.LocalHttp;
import vn.dinhdanh.tracker.chain.ChainKey;

/**
 * A citizen of the registry (alive, e-ID level 2) with a password, who releases data to the sample relying parties
 * the way a browser does: the data tracker tests' own state, one fresh citizen per test or class.
 */
public final class TrackedCitizen {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerUnderTest server;
    private final java.util.Map<Tokens, String> latestRefreshTokens = new java.util.concurrent.ConcurrentHashMap<>();
    private final String number;
    private final String password;
    private final String subject;

    private TrackedCitizen(ServerUnderTest server, String number, String password, String subject) {
        this.server = server;
        this.number = number;
        this.password = password;
        this.subject = subject;
    }

    public static TrackedCitizen fresh(ServerUnderTest server) {
        String number = new Registry(server).pick(Registry.ALIVE + " AND c.eid_level = 2");
        String password = Passwords.give(server, number);
        return new TrackedCitizen(server, number, password, subjectOf(server, number));
    }

    /** The pseudonym the tracker stores for the citizen with this ID number. */
    public static String subjectOf(ServerUnderTest server, String number) {
        String realmId = server.admin().get("/admin/realms/dinhdanh").path("id").asText();
        return ChainKey.of(server.trackerKey()).pseudonym(realmId, "f:population-registry:" + number);
    }

    public String number() {
        return number;
    }

    public String password() {
        return password;
    }

    public String subject() {
        return subject;
    }

    /** What public-portal received from one code flow (PKCE), as issued. */
    public record Tokens(JsonNode idToken, JsonNode accessToken, String rawAccessToken, String refreshToken) {
    }

    /** A code-flow login through public-portal in Chromium, and the code exchanged: one 'token' row. */
    public Tokens codeFlow() {
        PublicPortal portal = new PublicPortal(server);
        PublicPortal.Request request = PublicPortal.Request.fresh();
        String code;
        try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
             Browser browser = Browser.open("vi")) {
            browser.open(portal.authorizationUrl(request));
            browser.signIn(number, password);
            code = callback.await(Duration.ofSeconds(30)).parameters().get("code");
        }
        HttpResponse<String> exchanged = portal.exchange(code, request.codeVerifier());
        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
        JsonNode tokens = PublicPortal.json(exchanged);
        return new Tokens(payload(tokens.path("id_token").asText()), payload(tokens.path("access_token").asText()),
                tokens.path("access_token").asText(), tokens.path("refresh_token").asText());
    }

    /** The userinfo answer public-portal gets with that access token: one 'userinfo' row. */
    public JsonNode userinfo(Tokens tokens) {
        HttpResponse<String> info = send(HttpRequest.newBuilder(URI.create(server.realmUrl() + "/protocol/openid-connect/userinfo"))
                .header("Authorization", "Bearer " + tokens.rawAccessToken()).build());
        assertThat(info.statusCode()).as(info.body()).isEqualTo(200);
        return read(info.body());
    }

    /**
     * A refresh: one 'refresh' row when it succeeds. Refresh tokens rotate (the realm revokes a used one), so each
     * refresh of a login presents the token its last successful refresh returned.
     */
    public HttpResponse<String> refresh(Tokens tokens) {
        HttpResponse<String> refreshed = new PublicPortal(server).refresh(latestRefreshTokens.getOrDefault(tokens, tokens.refreshToken()));
        if (refreshed.statusCode() == 200) {
            latestRefreshTokens.put(tokens, PublicPortal.json(refreshed).path("refresh_token").asText());
        }
        return refreshed;
    }

    /** {@code times} refreshes, each answered 200. */
    public void refreshed(Tokens tokens, int times) {
        for (int i = 0; i < times; i++) {
            HttpResponse<String> refreshed = refresh(tokens);
            assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        }
    }

    /** A SAML login to legacy-portal in Chromium, the assertion verified as the SP would: one 'saml_assertion' row. */
    public SamlResponseVerifier.Verified samlLogin() throws Exception {
        LegacyPortal legacy = new LegacyPortal(server);
        String requestId = LegacyPortal.newRequestId();
        byte[] response;
        try (LoopbackReceiver acs = new LoopbackReceiver(server.relyingParties().legacyPortalPort());
             Browser browser = Browser.open("vi")) {
            browser.open(legacy.authnRequestUrl(requestId, LegacyPortal.ENTITY_ID));
            browser.signIn(number, password);
            // legacy-portal asks consent at a citizen's first login there (the realm's consent policy)
            response = Base64.getMimeDecoder().decode(SamlLogins.awaitConsenting(browser, acs).parameters().get("SAMLResponse"));
        }
        return SamlResponseVerifier.verify(response, legacy.expectations(requestId));
    }

    /** This citizen's rows, oldest first. */
    public List<TrackerTables.Row> rows() {
        return new TrackerTables(server).rowsOf(subject);
    }

    public static JsonNode payload(String jwt) {
        return read(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return LocalHttp.client().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "TrackedCitizen[" + subject.substring(0, 8) + "]";
    }
}
