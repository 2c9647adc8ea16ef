package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.dinhdanh.it.support.Passwords;
import vn.dinhdanh.it.support.Browser;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.PublicPortal;
import vn.dinhdanh.it.support.Registry;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.sandbox.LocalHttp;
import vn.dinhdanh.sandbox.app.AppClient;
import vn.dinhdanh.sandbox.app.SandboxPhone;

/**
 * A citizen's VNeID devices in Keycloak's account console and account REST API, and their revocation by an
 * administrator: the device listed as its own credential type with the account theme's Vietnamese name, removed by
 * the citizen (REST API, and the console's "Xóa" with its confirmation) or by an admin (admin API, recorded as an
 * admin event), after which the phone's key is refused by the app API.
 */
@ExtendWith(DinhdanhServerExtension.class)
class AppDeviceAccountIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TYPE = "vneid-device";
    private static final String NAME_VI = "Thiết bị VNeID";
    private static final String HELP_VI = "Điện thoại đã đăng ký với ứng dụng VNeID, dùng để xác nhận đăng nhập.";

    private ServerUnderTest server;
    private Registry registry;
    private AppClient app;

    @BeforeEach
    void setUp(ServerUnderTest server) {
        this.server = server;
        this.registry = new Registry(server);
        this.app = new AppClient(server.realmUrl());
    }

    /** A citizen with a password (federated storage) and an enrolled phone named {@code label}. */
    private record Citizen(String number, String password, SandboxPhone phone, String label) {
    }

    /** At e-ID level 2, so that the phone (enrolled in person) gives the level 2 its removal asks for. */
    /** The one request waiting on the citizen's phone. */
    private JsonNode onlyPending(Citizen citizen) {
        JsonNode challenges = app.pending(citizen.phone(), citizen.number()).expect(200, "pending").path("challenges");
        assertThat(challenges).hasSize(1);
        return challenges.get(0);
    }

        private Citizen enrolled(String label) {
        String number = registry.pick(Registry.ALIVE + " AND c.eid_level = 2");
        SandboxPhone phone = SandboxPhone.create();
        app.enrol(phone, number, app.enrolmentCode(server.admin(), number), label);
        String password = Passwords.give(server, number);
        assertThat(app.pending(phone, number).status()).as("the enrolled phone is served").isEqualTo(200);
        return new Citizen(number, password, phone, label);
    }

    private static String userPath(String number) {
        return "/admin/realms/dinhdanh/users/f:population-registry:" + number;
    }

    private void assertPhoneRefused(Citizen citizen) {
        AppClient.Answer pending = app.pending(citizen.phone(), citizen.number());
        assertThat(pending.status()).isEqualTo(400);
        assertThat(pending.body().path("error").asText()).isEqualTo("device_unknown");
    }

    /** Audit lines written after {@code mark} (a count of log lines taken before the action). */
    private List<String> auditSince(long mark) {
        return server.log().lines().skip(mark).filter(l -> l.contains("[vn.dinhdanh.audit]")).toList();
    }

    private long logMark() {
        return server.log().lines().count();
    }

    /** The account theme's messages for {@code locale}, as the account console loads them. */
    private Map<String, String> accountMessages(String locale) {
        JsonNode messages = CitizenAccount.json(CitizenAccount.send(LocalHttp.client(),
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/resources/dinhdanh/account/" + locale)).build()));
        return StreamSupport.stream(messages.spliterator(), false)
                .collect(Collectors.toMap(m -> m.path("key").asText(), m -> m.path("value").asText(), (a, b) -> b));
    }

    @Test
    @DisplayName("the account REST API lists the device as its own type, named by the account theme; the citizen deletes it and the phone is refused")
    void citizenRemovesThroughTheAccountApi() {
        Citizen citizen = enrolled("Điện thoại của Bình");
        CitizenAccount account = CitizenAccount.signIn(server, citizen.number(), citizen.password());

        JsonNode type = account.credentialType(TYPE);
        assertThat(type).as("the vneid-device entry of GET /account/credentials").isNotNull();
        assertThat(type.path("category").asText()).isEqualTo("passwordless");
        assertThat(type.path("displayName").asText()).isEqualTo("vneid-device-display-name");
        assertThat(type.path("helptext").asText()).isEqualTo("vneid-device-help-text");
        assertThat(type.path("removeable").asBoolean()).isTrue();
        assertThat(type.path("createAction").isMissingNode() || type.path("createAction").isNull())
                .as("no create action: devices are enrolled from the app").isTrue();
        assertThat(type.path("updateAction").isMissingNode() || type.path("updateAction").isNull()).isTrue();
        JsonNode devices = type.path("userCredentialMetadatas");
        assertThat(devices).hasSize(1);
        JsonNode device = devices.get(0).path("credential");
        assertThat(device.path("userLabel").asText()).isEqualTo(citizen.label());
        assertThat(device.has("secretData")).as("no secret through the account API").isFalse();

        Map<String, String> vi = accountMessages("vi");
        assertThat(vi.get(type.path("displayName").asText())).isEqualTo(NAME_VI);
        assertThat(vi.get(type.path("helptext").asText())).startsWith(HELP_VI);
        assertThat(vi.get("signingIn")).as("keycloak.v3's own messages still come through").isNotBlank();
        assertThat(accountMessages("en").get(type.path("displayName").asText())).isEqualTo("VNeID device");

        // The device is a level-2 factor of the browser flow: Keycloak removes it only for a session at level 2.
        assertThat(account.delete(device.path("id").asText())).as("a password session (LoA 1)").isEqualTo(403);
        CitizenAccount levelTwo = CitizenAccount.signIn(server, citizen.number(), citizen.password(),
                number -> app.decide(citizen.phone(), onlyPending(citizen), true, number));

        long mark = logMark();
        assertThat(levelTwo.delete(device.path("id").asText())).isEqualTo(204);
        account = levelTwo;
        assertThat(account.credentialType(TYPE)).as("no device left, and none can be added here: the type is gone").isNull();
        assertThat(server.admin().get(userPath(citizen.number()) + "/credentials"))
                .noneSatisfy(c -> assertThat(c.path("type").asText()).isEqualTo(TYPE));
        assertPhoneRefused(citizen);

        assertThat(auditSince(mark)).anySatisfy(line -> assertThat(line)
                .contains("kind=user type=REMOVE_CREDENTIAL realm=dinhdanh", "outcome=success", "credential_type=" + TYPE));
        assertThat(auditSince(mark)).allSatisfy(line -> assertThat(line)
                .doesNotContain(citizen.number(), citizen.label(), "Bình", device.path("id").asText()));
        assertThat(server.log().lines().skip(mark)).as("no ID number anywhere in the server log (docker/keycloak.conf)")
                .noneMatch(line -> line.contains(citizen.number()));
    }

    @Test
    @DisplayName("an administrator revokes the device: an admin event records it, the phone is refused")
    void administratorRevokes() {
        Citizen citizen = enrolled("phone");
        JsonNode device = StreamSupport.stream(server.admin().get(userPath(citizen.number()) + "/credentials").spliterator(), false)
                .filter(c -> c.path("type").asText().equals(TYPE)).findFirst().orElseThrow();
        String resourcePath = "users/f:population-registry:" + citizen.number() + "/credentials/" + device.path("id").asText();

        long mark = logMark();
        assertThat(server.admin().delete("/admin/realms/dinhdanh/" + resourcePath, Duration.ofSeconds(30))).isEqualTo(204);
        assertPhoneRefused(citizen);

        // Keycloak records a credential removed by an admin as an ACTION on the user (not a DELETE), with its type.
        JsonNode events = server.admin().get("/admin/realms/dinhdanh/admin-events?operationTypes=ACTION&resourceTypes=USER&resourcePath="
                + URLEncoder.encode(resourcePath, StandardCharsets.UTF_8));
        assertThat(events).anySatisfy(event -> {
            assertThat(event.path("resourcePath").asText()).isEqualTo(resourcePath);
            assertThat(event.path("operationType").asText()).isEqualTo("ACTION");
            assertThat(event.path("details").path("credential_type").asText()).isEqualTo(TYPE);
            assertThat(event.path("authDetails").path("realmId").asText()).isNotBlank();
        });
        assertThat(auditSince(mark)).anySatisfy(line -> assertThat(line)
                .contains("kind=admin operation=ACTION resource=USER realm=dinhdanh", "outcome=success", "credential_type=" + TYPE));
        assertThat(auditSince(mark)).allSatisfy(line -> assertThat(line).doesNotContain(citizen.number(), device.path("id").asText()));
    }

    @Test
    @DisplayName("the account console, in Vietnamese by default, shows the device under \"Đăng nhập\" with no set-up link; \"Xóa\" and the confirmation remove it")
    void citizenRemovesInTheConsole() {
        Citizen citizen = enrolled("Điện thoại của Chi");
        By title = By.cssSelector("[data-testid='" + TYPE + "/title']");
        try (Browser browser = Browser.open("fr")) { // a language the realm does not offer: its default, Vietnamese
            browser.open(URI.create(server.realmUrl() + "/account/account-security/signing-in"));
            browser.signIn(citizen.number(), citizen.password());
            browser.waitFor(title);
            assertThat(browser.driver().findElement(title).getText()).isEqualTo(NAME_VI);
            assertThat(browser.driver().findElement(By.cssSelector("[data-testid='" + TYPE + "/help-text']")).getText()).startsWith(HELP_VI);
            assertThat(browser.driver().findElements(By.cssSelector("[data-testid='" + TYPE + "/create']"))).isEmpty();
            By list = By.cssSelector("[data-testid='" + TYPE + "/credential-list']");
            assertThat(browser.driver().findElement(list).getText()).contains(citizen.label());

            long mark = logMark();
            browser.driver().findElement(list).findElement(By.cssSelector("[data-testrole='remove']")).click();
            // Removing a level-2 factor asks for level 2 (Keycloak's step-up for the delete action): the phone approves.
            browser.waitFor(By.id("dinhdanh-app-number"));
            int shown = Integer.parseInt(browser.driver().findElement(By.id("dinhdanh-app-number")).getText().strip());
            assertThat(app.decide(citizen.phone(), onlyPending(citizen), true, shown).body().path("decision").asText()).isEqualTo("approved");
            browser.waitFor(By.id("kc-accept"));
            assertThat(browser.text()).contains("Bạn có muốn xóa " + citizen.label() + " không?");
            browser.driver().findElement(By.id("kc-accept")).click();

            new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("/account/")
                    && !d.findElements(By.cssSelector("[data-testid='password/title']")).isEmpty());
            assertThat(browser.driver().findElements(title)).as("the device's entry is gone").isEmpty();
            assertPhoneRefused(citizen);
            assertThat(auditSince(mark)).anySatisfy(line -> assertThat(line)
                    .contains("kind=user type=REMOVE_CREDENTIAL realm=dinhdanh", "outcome=success", "credential_type=" + TYPE));
        }
    }

    /**
     * The citizen's side of the account REST API, signed in as the console signs in: client {@code account-console},
     * code flow with PKCE S256, the ID number and password typed into the login form (posted here over plain HTTP).
     */
    private static final class CitizenAccount {

        private static final Pattern LOGIN_FORM = Pattern.compile("<form\\b[^>]*\\bid=\"kc-form-login\"[^>]*>");
        private static final Pattern ACTION = Pattern.compile("\\baction=\"([^\"]+)\"");

        private final HttpClient http;
        private final URI accountApi;
        private final String token;

        private CitizenAccount(HttpClient http, URI accountApi, String token) {
            this.http = http;
            this.accountApi = accountApi;
            this.token = token;
        }

        static CitizenAccount signIn(ServerUnderTest server, String username, String password) {
            return signIn(server, username, password, null);
        }

        /**
         * With {@code approve} (given the number the page shows): {@code acr_values=urn:vn:eid:loa:2}, so the password
         * is followed by a push to the citizen's phone, approved there, and the waiting page's form is posted on.
         */
        static CitizenAccount signIn(ServerUnderTest server, String username, String password, java.util.function.IntConsumer approve) {
            HttpClient http = LocalHttp.builder().followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            PublicPortal.Request request = PublicPortal.Request.fresh();
            String redirectUri = server.realmUrl() + "/account/";
            Map<String, String> authorization = new LinkedHashMap<>();
            authorization.put("response_type", "code");
            authorization.put("client_id", "account-console");
            authorization.put("redirect_uri", redirectUri);
            authorization.put("scope", "openid");
            authorization.put("state", request.state());
            authorization.put("code_challenge", request.codeChallenge());
            authorization.put("code_challenge_method", "S256");
            if (approve != null) {
                authorization.put("acr_values", "urn:vn:eid:loa:2");
            }
            HttpResponse<String> page = send(http, HttpRequest.newBuilder(
                    URI.create(server.realmUrl() + "/protocol/openid-connect/auth?" + PublicPortal.form(authorization))).build());
            assertThat(page.statusCode()).as("the login page").isEqualTo(200);
            String cookies = cookies(page);
            String passwordPage = passwordForm(http, page.body(), cookies);
            Matcher formTag = LOGIN_FORM.matcher(passwordPage);
            assertThat(formTag.find()).as("the login form").isTrue();
            Matcher action = ACTION.matcher(formTag.group());
            assertThat(action.find()).isTrue();

            Map<String, String> credentials = new LinkedHashMap<>();
            credentials.put("username", username);
            credentials.put("password", password);
            credentials.put("credentialId", "");
            HttpResponse<String> loggedIn = send(http, HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Cookie", cookies)
                    .POST(HttpRequest.BodyPublishers.ofString(PublicPortal.form(credentials))).build());
            if (approve != null) {
                Matcher number = Pattern.compile("id=\"dinhdanh-app-number\"[^>]*>\\s*([0-9]+)").matcher(loggedIn.body());
                assertThat(number.find()).as("the level-2 branch's push page").isTrue();
                approve.accept(Integer.parseInt(number.group(1)));
                Matcher waiting = Pattern.compile("<form\\b[^>]*\\bid=\"dinhdanh-app-form\"[^>]*>").matcher(loggedIn.body());
                assertThat(waiting.find()).isTrue();
                String next = action(waiting.group());
                loggedIn = send(http, HttpRequest.newBuilder(URI.create(next)).header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", cookies).POST(HttpRequest.BodyPublishers.ofString("answered=on")).build());
            }
            final HttpResponse<String> answered = loggedIn;
            String location = answered.headers().firstValue("Location").orElseThrow(
                    () -> new AssertionError("login not accepted (HTTP " + answered.statusCode() + ")"));
            assertThat(location).startsWith(redirectUri).contains("state=" + request.state());
            String code = query(URI.create(location)).get("code");

            Map<String, String> exchange = new LinkedHashMap<>();
            exchange.put("grant_type", "authorization_code");
            exchange.put("client_id", "account-console");
            exchange.put("code", code);
            exchange.put("redirect_uri", redirectUri);
            exchange.put("code_verifier", request.codeVerifier());
            HttpResponse<String> tokens = send(http, HttpRequest.newBuilder(URI.create(server.realmUrl() + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(PublicPortal.form(exchange))).build());
            assertThat(tokens.statusCode()).as("token request: " + tokens.body()).isEqualTo(200);
            return new CitizenAccount(http, URI.create(server.realmUrl() + "/account/credentials"), json(tokens).path("access_token").asText());
        }

        /** The entry of {@code type} in {@code GET /account/credentials}, or null when the API lists none. */
        JsonNode credentialType(String type) {
            HttpResponse<String> answer = send(http, authorized(accountApi).GET().build());
            assertThat(answer.statusCode()).as("GET /account/credentials: " + answer.body()).isEqualTo(200);
            for (JsonNode entry : json(answer)) {
                if (entry.path("type").asText().equals(type)) {
                    return entry;
                }
            }
            return null;
        }

        /** {@code DELETE /account/credentials/{id}}: the HTTP status. */
        int delete(String credentialId) {
            return send(http, authorized(URI.create(accountApi + "/" + credentialId)).DELETE().build()).statusCode();
        }

        private HttpRequest.Builder authorized(URI uri) {
            return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json");
        }

        /**
         * The password form: the realm's first page is the VNeID app's, so "try another way", then the method
         * named "... và mật khẩu" (the realm's default language), as the browser's clicks would post them.
         */
        private static String passwordForm(HttpClient http, String firstPage, String cookies) {
            if (LOGIN_FORM.matcher(firstPage).find()) {
                return firstPage;
            }
            Matcher another = Pattern.compile("<form\\b[^>]*\\bid=\"kc-select-try-another-way-form\"[^>]*>").matcher(firstPage);
            assertThat(another.find()).as("a 'try another way' form on the first page").isTrue();
            String selection = post(http, action(another.group()), cookies, "tryAnotherWay=on");
            Matcher option = Pattern.compile("name=\"authenticationExecution\" value=\"([^\"]+)\">(?:(?!</li>).)*và mật khẩu",
                    Pattern.DOTALL).matcher(selection);
            assertThat(option.find()).as("the password method among the choices").isTrue();
            int formStart = selection.lastIndexOf("<form", option.start());
            return post(http, action(selection.substring(formStart, option.start())), cookies,
                    "authenticationExecution=" + URLEncoder.encode(option.group(1), StandardCharsets.UTF_8));
        }

        private static String action(String formTag) {
            Matcher action = ACTION.matcher(formTag);
            assertThat(action.find()).isTrue();
            return action.group(1).replace("&amp;", "&");
        }

        private static String post(HttpClient http, String url, String cookies, String body) {
            HttpResponse<String> answer = send(http, HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookies)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            assertThat(answer.statusCode()).as(url).isEqualTo(200);
            return answer.body();
        }

        /** The session cookies Keycloak set on the login page, as the browser would send them back. */
        private static String cookies(HttpResponse<?> response) {
            return response.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0]).collect(Collectors.joining("; "));
        }

        private static Map<String, String> query(URI uri) {
            Map<String, String> parameters = new LinkedHashMap<>();
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                parameters.put(kv[0], kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
            return parameters;
        }


        static HttpResponse<String> send(HttpClient http, HttpRequest request) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        static JsonNode json(HttpResponse<String> response) {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON (HTTP " + response.statusCode() + "): " + response.body(), e);
            }
        }
    }
}
