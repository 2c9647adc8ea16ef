package vn.dinhdanh.population.freshness;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.keycloak.Config;
import org.keycloak.http.FormPartValue;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;

/**
 * The server's public base URI ({@code https://host/}) for work done outside an HTTP request: Keycloak's
 * logout code resolves a client's back-channel logout URL against the request's URI, and a SAML logout
 * request names the IdP by its entity id ({@code <base>/realms/<realm>}), built from the request's
 * {@link UriInfo}; a scheduled task has no request. Taken, in this order, from the realm's
 * {@code frontendUrl}, the issuer Keycloak recorded in one of the session's OIDC client sessions
 * (the very value its logout tokens carry), the server's {@code --hostname} when it is a URL, or
 * the population provider's {@code frontend-url} option (for servers without a fixed hostname, such
 * as the sandbox).
 */
final class FrontendUri {

    private FrontendUri() {
    }

    static Optional<URI> of(RealmModel realm, UserSessionModel userSession, Optional<URI> configured) {
        String frontend = realm.getAttribute("frontendUrl");
        if (frontend != null && !frontend.isBlank()) {
            return Optional.of(withSlash(frontend));
        }
        String realmPath = "/realms/" + realm.getName();
        for (AuthenticatedClientSessionModel client : userSession.getAuthenticatedClientSessions().values()) {
            String issuer = client.getNote(OIDCLoginProtocol.ISSUER);
            if (issuer != null && issuer.endsWith(realmPath)) {
                return Optional.of(withSlash(issuer.substring(0, issuer.length() - realmPath.length())));
            }
        }
        String hostname = Config.scope("hostname", "v2").get("hostname");
        if (hostname != null && (hostname.startsWith("https://") || hostname.startsWith("http://"))) {
            return Optional.of(withSlash(hostname));
        }
        return configured.map(uri -> withSlash(uri.toString()));
    }

    /** The base URI of an issuer ({@code <base>/realms/<realm>}), as a logout token carries it. */
    static Optional<URI> ofIssuer(RealmModel realm, String issuer) {
        String realmPath = "/realms/" + realm.getName();
        return issuer != null && issuer.endsWith(realmPath)
                ? Optional.of(withSlash(issuer.substring(0, issuer.length() - realmPath.length())))
                : Optional.empty();
    }

    /**
     * Gives {@code session}, which serves no HTTP request, a request-less stand-in at {@code base}: no headers,
     * no cookies, no form; Keycloak's URI building then works as in a request to that address.
     */
    static void enter(KeycloakSession session, URI base) {
        UriInfo info = info(base);
        session.getContext().setHttpRequest(new HttpRequest() {
            @Override public String getHttpMethod() { return "POST"; }
            @Override public MultivaluedMap<String, String> getDecodedFormParameters() { return new MultivaluedHashMap<>(); }
            @Override public MultivaluedMap<String, FormPartValue> getMultiPartFormParameters() { return new MultivaluedHashMap<>(); }
            @Override public HttpHeaders getHttpHeaders() { return NO_HEADERS; }
            @Override public X509Certificate[] getClientCertificateChain() { return null; }
            @Override public UriInfo getUri() { return info; }
            @Override public boolean isProxyTrusted() { return true; }
        });
    }

    private static final HttpHeaders NO_HEADERS = new HttpHeaders() {
        @Override public List<String> getRequestHeader(String name) { return List.of(); }
        @Override public String getHeaderString(String name) { return null; }
        @Override public MultivaluedMap<String, String> getRequestHeaders() { return new MultivaluedHashMap<>(); }
        @Override public List<MediaType> getAcceptableMediaTypes() { return List.of(); }
        @Override public List<Locale> getAcceptableLanguages() { return List.of(); }
        @Override public MediaType getMediaType() { return null; }
        @Override public Locale getLanguage() { return null; }
        @Override public Map<String, Cookie> getCookies() { return Map.of(); }
        @Override public Date getDate() { return null; }
        @Override public int getLength() { return -1; }
    };

    private static URI withSlash(String base) {
        return URI.create(base.endsWith("/") ? base : base + "/");
    }

    /** A request-less {@link UriInfo} whose base is {@code base}: what Keycloak's protocols read to name the realm. */
    static UriInfo info(URI base) {
        return new UriInfo() {
            @Override public String getPath() { return "/"; }
            @Override public String getPath(boolean decode) { return "/"; }
            @Override public List<PathSegment> getPathSegments() { return List.of(); }
            @Override public List<PathSegment> getPathSegments(boolean decode) { return List.of(); }
            @Override public URI getRequestUri() { return base; }
            @Override public UriBuilder getRequestUriBuilder() { return UriBuilder.fromUri(base); }
            @Override public URI getAbsolutePath() { return base; }
            @Override public UriBuilder getAbsolutePathBuilder() { return UriBuilder.fromUri(base); }
            @Override public URI getBaseUri() { return base; }
            @Override public UriBuilder getBaseUriBuilder() { return UriBuilder.fromUri(base); }
            @Override public MultivaluedMap<String, String> getPathParameters() { return new MultivaluedHashMap<>(); }
            @Override public MultivaluedMap<String, String> getPathParameters(boolean decode) { return new MultivaluedHashMap<>(); }
            @Override public MultivaluedMap<String, String> getQueryParameters() { return new MultivaluedHashMap<>(); }
            @Override public MultivaluedMap<String, String> getQueryParameters(boolean decode) { return new MultivaluedHashMap<>(); }
            @Override public List<String> getMatchedURIs() { return List.of(); }
            @Override public List<String> getMatchedURIs(boolean decode) { return List.of(); }
            @Override public List<Object> getMatchedResources() { return List.of(); }
            @Override public URI resolve(URI uri) { return base.resolve(uri); }
            @Override public URI relativize(URI uri) { return base.relativize(uri); }
        };
    }
}
