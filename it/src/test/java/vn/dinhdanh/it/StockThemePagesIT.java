package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.dinhdanh.it.support.Browser;
import vn.dinhdanh.it.support.ChipReader;
import vn.dinhdanh.it.support.ChipReader.Challenge;
import vn.dinhdanh.it.support.Citizen;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.LoopbackReceiver;
import vn.dinhdanh.it.support.Passwords;
import vn.dinhdanh.it.support.PublicPortal;
import vn.dinhdanh.it.support.Registry;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.it.support.TrackedCitizen;
import vn.dinhdanh.sandbox.app.AppClient;
import vn.dinhdanh.virtualchip.ActiveAuthKey;
import vn.dinhdanh.virtualchip.Variant;

/**
 * The pages a provider renders ship in its jar: a relying party given Keycloak's stock {@code keycloak.v2} login theme
 * (its client's {@code login_theme}) still gets the VNeID app page, the chip page and the level-2 page, and the
 * registry's refusals in words on the stock password page; a realm on the stock theme still gets the data tracker's
 * page. In Vietnamese and English, no raw message key, each page's stylesheet applied and its script running (the QR
 * code rotates, the page continues by itself once the app answers). The relying party is a copy of
 * {@code public-portal} (same redirect URI, flows and scopes) with only the theme changed.
 */
@ExtendWith(DinhdanhServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StockThemePagesIT {

    private static final String STOCK = "keycloak.v2";
    private static final String CLIENTS = "/admin/realms/dinhdanh/clients";

    private ServerUnderTest server;
    private Registry registry;
    private PublicPortal portal;
    private String clientId;
    private String clientUuid;

    @BeforeAll
    void stockThemedRelyingParty(ServerUnderTest server) {
        this.server = server;
        this.registry = new Registry(server);
        this.portal = new PublicPortal(server);
        ObjectNode client = (ObjectNode) server.admin().get(CLIENTS + "?clientId=" + PublicPortal.CLIENT_ID).get(0);
        clientId = "stock-theme-portal-" + UUID.randomUUID();
        client.remove("id");
        client.put("clientId", clientId);
        client.withArray("protocolMappers").forEach(mapper -> ((ObjectNode) mapper).remove("id"));
        client.with("attributes").put("login_theme", STOCK);
        server.admin().post(CLIENTS, client, Duration.ofSeconds(30)); // throws unless 2xx
        clientUuid = server.admin().get(CLIENTS + "?clientId=" + clientId).get(0).path("id").asText();
    }

    @AfterAll
    void removeRelyingParty() {
        if (clientUuid != null) {
            server.admin().delete(CLIENTS + "/" + clientUuid, Duration.ofSeconds(30));
        }
    }

    private URI login(String lang, String acr) {
        Map<String, String> parameters = portal.parametersWithPkce(PublicPortal.Request.fresh());
        parameters.put("client_id", clientId);
        parameters.put("ui_locales", lang);
        if (acr != null) {
            parameters.put("acr_values", acr);
        }
        return portal.authorizationUrl(parameters);
    }

    private static boolean vi(String lang) {
        return lang.equals("vi");
    }

    /** Keycloak's stock theme drew the page (its stylesheet, none of dinhdanh's), and no message key shows raw. */
    private static void stockPage(Browser browser) {
        String source = browser.driver().getPageSource();
        assertThat(source).contains("/login/" + STOCK + "/css/styles.css").doesNotContain("/login/dinhdanh/css/dinhdanh.css");
        assertThat(browser.text()).doesNotContain("dinhdanh.").doesNotContain("dinhdanh-").doesNotContain("???");
    }

    private static String css(Browser browser, String id, String property) {
        return browser.driver().findElement(By.id(id)).getCssValue(property);
    }

    /** "Try another way", then a method of keycloak.v2's list (a div with role=button) by its name. */
    private static void chooseMethod(Browser browser, String name) {
        browser.waitFor(By.id("try-another-way"));
        browser.driver().findElement(By.id("try-another-way")).click();
        By method = By.xpath("//*[@role='button'][contains(., '" + name + "')]");
        browser.waitFor(method);
        browser.driver().findElement(method).click();
    }

    private static String qrLink(Browser browser) {
        return browser.driver().findElement(By.id("dinhdanh-app-qr-link")).getAttribute("href");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vi", "en"})
    @DisplayName("the VNeID app page: its texts, its stylesheet, and its script rotating the QR code")
    void appPage(String lang) {
        try (Browser browser = Browser.open(lang)) {
            browser.open(login(lang, null));
            browser.waitFor(By.cssSelector("#dinhdanh-app-qr svg"));
            stockPage(browser);
            assertThat(browser.text()).contains(vi(lang) ? "Đăng nhập bằng ứng dụng VNeID" : "Sign in with the VNeID app",
                    vi(lang) ? "Số định danh cá nhân" : "Personal identification number",
                    vi(lang) ? "Mở ứng dụng VNeID trên điện thoại này" : "Open the VNeID app on this phone");
            assertThat(css(browser, "dinhdanh-app-qr", "width")).as("dinhdanh-app.css: the QR code's size").isEqualTo("224px");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(d -> qrLink(browser).startsWith("vneid://"));
            String first = qrLink(browser);
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> !qrLink(browser).equals(first));
        }
    }

    @Test
    @DisplayName("the VNeID app page's script: the phone scans and approves, the browser continues by itself to the relying party")
    void appPageContinues() {
        AppClient app = new AppClient(server.realmUrl());
        Citizen citizen = Citizen.withPhone(server, registry, app);
        try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
             Browser browser = Browser.open("vi")) {
            browser.open(login("vi", null));
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(d -> qrLink(browser).startsWith("vneid://"));
            JsonNode challenge = app.scan(citizen.phone(), citizen.number(), qrLink(browser)).expect(201, "the scan");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(40)).until(d -> d.getPageSource().contains("Đã quét mã"));
            assertThat(app.decide(citizen.phone(), challenge, true, 0).body().path("decision").asText()).isEqualTo("approved");
            browser.waitFor(By.id("received"));
            assertThat(callback.await(Duration.ofSeconds(5)).parameters()).containsKey("code");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vi", "en"})
    @DisplayName("the chip page: its method's name in the stock list, its texts, its stylesheet")
    void chipPage(String lang) {
        try (Browser browser = Browser.open(lang)) {
            browser.open(login(lang, null));
            chooseMethod(browser, vi(lang) ? "Thẻ căn cước gắn chip" : "Chip ID card");
            browser.waitFor(By.cssSelector("#dinhdanh-chip-qr svg"));
            stockPage(browser);
            assertThat(browser.text()).contains(vi(lang) ? "Đăng nhập bằng thẻ căn cước gắn chip" : "Sign in with your chip ID card",
                    vi(lang) ? "Đang chờ ứng dụng đọc thẻ" : "Waiting for the app to read the card",
                    vi(lang) ? "Tạo mã mới" : "New code");
            assertThat(css(browser, "dinhdanh-chip-qr", "width")).as("dinhdanh-chip.css: the QR code's size").isEqualTo("224px");
            assertThat(browser.driver().findElement(By.id("dinhdanh-chip-expired")).isDisplayed()).isFalse();
        }
    }

    @Test
    @DisplayName("the chip page's script: the app reads the card, the browser continues by itself to the relying party")
    void chipPageContinues() throws Exception {
        ChipReader reader = new ChipReader(server);
        var holder = reader.holder(registry.pick(ChipVerificationIT.HOLDER));
        try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
             Browser browser = Browser.open("vi")) {
            browser.open(login("vi", null));
            chooseMethod(browser, "Thẻ căn cước gắn chip");
            browser.waitFor(By.cssSelector("#dinhdanh-chip-qr svg"));
            Challenge challenge = Challenge.ofAppLink(browser.driver().findElement(By.id("dinhdanh-chip")).getAttribute("data-chip-link"));
            var answer = reader.verify(reader.request(reader.chip(holder, Variant.GENUINE, ActiveAuthKey.EC_P256_PLAIN), challenge));
            assertThat(answer.body().path("verdict").asText()).isEqualTo("valid");
            browser.waitFor(By.id("received")); // no click: the page's script saw the answer and submitted
            assertThat(callback.await(Duration.ofSeconds(5)).parameters()).containsKey("code");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vi", "en"})
    @DisplayName("the level-2 page: why level 2 cannot be given, what to do next, its stylesheet")
    void levelTwoPage(String lang) {
        String number = registry.pick(Registry.ALIVE + " AND c.eid_level = 1");
        String password = Passwords.give(server, number);
        try (Browser browser = Browser.open(lang)) {
            browser.open(login(lang, "urn:vn:eid:loa:2"));
            chooseMethod(browser, vi(lang) ? "và mật khẩu" : "and password");
            browser.waitFor(By.id("password"));
            browser.driver().findElement(By.id("username")).sendKeys(number);
            browser.driver().findElement(By.id("password")).sendKeys(password);
            browser.driver().findElement(By.id("kc-login")).click();
            browser.waitFor(By.id("dinhdanh-level-2-reason"));
            stockPage(browser);
            assertThat(browser.text()).contains(
                    vi(lang) ? "Chưa đạt mức định danh điện tử mức 2" : "Level 2 electronic identification not reached",
                    vi(lang) ? "chưa ở mức 2" : "not at level 2",
                    vi(lang) ? "Bạn có thể làm gì" : "What you can do",
                    vi(lang) ? "Quay lại dịch vụ" : "Back to the service");
            assertThat(browser.driver().findElement(By.cssSelector(".dinhdanh-next-title")).getCssValue("font-weight"))
                    .as("dinhdanh-level-2.css").isEqualTo("600");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vi", "en"})
    @DisplayName("a refusal on the registry's data, on the stock password page: the same neutral words, no raw key")
    void registryRefusal(String lang) {
        String deceased = registry.pick("c.life_status = 'deceased'");
        String password = Passwords.give(server, deceased);
        try (Browser browser = Browser.open(lang)) {
            browser.open(login(lang, null));
            chooseMethod(browser, vi(lang) ? "và mật khẩu" : "and password");
            browser.waitFor(By.id("password"));
            browser.driver().findElement(By.id("username")).sendKeys(deceased);
            browser.driver().findElement(By.id("password")).sendKeys(password);
            browser.driver().findElement(By.id("kc-login")).click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(d -> d.getPageSource()
                    .contains(vi(lang) ? "hiện không thể dùng để đăng nhập" : "cannot be used to sign in at present"));
            stockPage(browser);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vi", "en"})
    @DisplayName("the data tracker's page on a realm whose login theme is the stock one: its texts, labels and stylesheet")
    void dataTrackerPage(String lang) {
        TrackedCitizen citizen = TrackedCitizen.fresh(server);
        citizen.codeFlow(); // one release to show
        // The page belongs to no relying party: it is drawn in the realm's login theme, the stock one for this test only.
        // Only the theme is sent: a whole representation sent back would store every default it carries (the realm
        // import test on the same server compares the realm with what its file imported).
        String before = server.admin().get("/admin/realms/dinhdanh").path("loginTheme").asText();
        ObjectNode theme = JsonNodeFactory.instance.objectNode();
        try {
            assertThat(server.admin().put("/admin/realms/dinhdanh", theme.put("loginTheme", STOCK))).isEqualTo(204);
            try (Browser browser = Browser.open(lang)) {
                browser.open(URI.create(server.realmUrl() + "/data-tracker/"));
                chooseMethod(browser, vi(lang) ? "và mật khẩu" : "and password");
                browser.waitFor(By.id("password"));
                browser.driver().findElement(By.id("username")).sendKeys(citizen.number());
                browser.driver().findElement(By.id("password")).sendKeys(citizen.password());
                browser.driver().findElement(By.id("kc-login")).click();
                browser.waitFor(By.id("dinhdanh-tracker-releases"));
                stockPage(browser);
                assertThat(browser.text()).contains(vi(lang) ? "Ai đã nhận dữ liệu của tôi" : "Who received my data",
                        vi(lang) ? "Dịch vụ nhận" : "Received by",
                        vi(lang) ? "Mã thông báo đăng nhập (OIDC)" : "Login tokens (OIDC)",
                        vi(lang) ? "Tải biên nhận số" : "Download receipt no.");
                assertThat(browser.driver().findElement(By.id("dinhdanh-tracker-cards")).isDisplayed())
                        .as("dinhdanh-tracker.css: a table on a desktop, no cards").isFalse();
            }
        } finally {
            assertThat(server.admin().put("/admin/realms/dinhdanh", theme.put("loginTheme", before))).isEqualTo(204);
        }
    }
}
