package vn.dinhdanh.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.dinhdanh.sandbox.LocalHttp;

/**
 * The realm's first login page over plain HTTP, as a browser at network address {@code clientAddress} would see it
 * through the load balancer: the balancer's {@code X-Forwarded-For} is sent by the test itself, straight to one
 * node (which trusts it from loopback, as it trusts the balancer). For the limits kept per network address. Use
 * private addresses (10.x): the realm requires HTTPS from public ones, and the test speaks plain HTTP.
 */
public final class HttpLoginPage {

    private static final Pattern SEND_FORM = Pattern.compile("<form id=\"dinhdanh-app-send-form\"[^>]*action=\"([^\"]+)\"");

    private final HttpClient http = LocalHttp.builder()
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    /** Keycloak's cookies of the current login, kept by hand: Java's cookie manager drops those of host "localhost". */
    private final Map<String, String> cookies = new java.util.LinkedHashMap<>();
    private final String clientAddress;

    public HttpLoginPage(String clientAddress) {
        this.clientAddress = clientAddress;
    }

    /** Opens {@code authorizationUrl} and sends {@code idNumber} on the VNeID page; returns the next page. */
    public String sendIdNumber(URI authorizationUrl, String idNumber) {
        cookies.clear();
        String page = send(HttpRequest.newBuilder(authorizationUrl).GET());
        Matcher form = SEND_FORM.matcher(page);
        if (!form.find()) {
            throw new AssertionError("no VNeID form on the first page: " + page);
        }
        URI action = authorizationUrl.resolve(form.group(1).replace("&amp;", "&"));
        return send(HttpRequest.newBuilder(action).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(PublicPortal.form(Map.of("idNumber", idNumber, "send", "")))));
    }

    private String send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", String.join("; ", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).toList()));
        }
        try {
            HttpResponse<String> response = http.send(request.header("X-Forwarded-For", clientAddress).header("Accept-Language", "vi")
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            for (String set : response.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
                }
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
