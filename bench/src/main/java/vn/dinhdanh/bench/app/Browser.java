package vn.dinhdanh.bench.app;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import vn.dinhdanh.sandbox.LocalHttp;

/**
 * What a browser does for a login, over plain HTTP/1.1: a cookie jar, GETs and form posts, redirects followed
 * by hand so the one to the relying party can be read (with its {@code code}) instead of followed. One per
 * worker; {@link #forget()} empties the jar between logins, as a new private window would. Static resources
 * (CSS, scripts, images) and the QR page's once-a-second QR fetches are not requested.
 */
final class Browser {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_REDIRECTS = 5;

    private final Jar jar = new Jar();
    private final HttpClient http = LocalHttp.builder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .cookieHandler(jar)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** A page, or the redirect to the relying party ({@code location} set, {@code body} empty). */
    record Page(URI uri, int status, String body, String location) {

        boolean redirected() {
            return location != null;
        }

        /** Where the form with id {@code formId} on this page posts to. */
        URI form(String formId) {
            if (redirected() || status != 200) {
                throw new LoginFailure("expected a page with form " + formId + ", got HTTP " + status);
            }
            return uri.resolve(LoginPages.formAction(body, formId)
                    .orElseThrow(() -> new LoginFailure("no form " + formId + " on the page")));
        }
    }

    /** Empties the cookie jar: the next login starts without Keycloak's session cookies. */
    void forget() {
        jar.clear();
    }

    /** GET, following redirects within the server until a page or a redirect elsewhere ({@code stopAt}). */
    Page get(URI uri, String stopAt) {
        return follow(send(HttpRequest.newBuilder(uri).GET()), stopAt);
    }

    /** Posts {@code fields} as a form, as a browser submits one, following redirects as {@link #get}. */
    Page post(URI action, Map<String, String> fields, String stopAt) {
        return follow(send(HttpRequest.newBuilder(action).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)))), stopAt);
    }

    /** A JSON GET in the background (the page's long poll); completes when the answer is in. */
    CompletableFuture<HttpResponse<String>> fetchAsync(URI uri) {
        return http.sendAsync(request(HttpRequest.newBuilder(uri).header("Accept", "application/json").GET()),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON POST with HTTP Basic client authentication (the relying party's token request). */
    HttpResponse<String> postBasic(URI uri, String user, String password, Map<String, String> fields) {
        String basic = java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form(fields))));
    }

    private Page follow(HttpResponse<String> response, String stopAt) {
        for (int hop = 0; ; hop++) {
            int status = response.statusCode();
            if (status / 100 != 3) {
                return new Page(response.uri(), status, response.body(), null);
            }
            String location = response.headers().firstValue("Location")
                    .orElseThrow(() -> new LoginFailure("HTTP " + status + " without a Location"));
            URI next = response.uri().resolve(location);
            if (next.toString().startsWith(stopAt)) {
                return new Page(response.uri(), status, "", next.toString());
            }
            if (hop == MAX_REDIRECTS) {
                throw new LoginFailure("more than " + MAX_REDIRECTS + " redirects");
            }
            response = send(HttpRequest.newBuilder(next).GET());
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) {
        try {
            return http.send(request(builder), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LoginFailure("HTTP failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginFailure("interrupted");
        }
    }

    private static HttpRequest request(HttpRequest.Builder builder) {
        return builder.timeout(TIMEOUT).header("Accept-Language", "vi").build();
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static Map<String, String> fields(String... pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return fields;
    }

    /** A cookie manager that can be replaced by an empty one (the client's handler is fixed when it is built). */
    private static final class Jar extends CookieHandler {
        private volatile CookieManager cookies = fresh();

        private static CookieManager fresh() {
            return new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        }

        void clear() {
            cookies = fresh();
        }

        /**
         * Keycloak marks its cookies {@code Secure}; browsers treat {@code http://localhost} as a secure context
         * and send them there, so the jar does too (the JDK's sends them over https only).
         */
        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
            return cookies.get(loopback(uri) ? secure(uri) : uri, requestHeaders);
        }

        private static boolean loopback(URI uri) {
            return "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
        }

        private static URI secure(URI uri) {
            return URI.create("https://" + uri.getRawAuthority() + uri.getRawPath());
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
            cookies.put(uri, responseHeaders);
        }
    }
}
