package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import vn.dinhdanh.it.support.Browser;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.PageCheck;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.it.support.TrackedCitizen;
import vn.dinhdanh.it.support.TrackerTables.Row;

/**
 * The citizen's page ({@code /realms/dinhdanh/data-tracker/}) in Chromium: who received what, newest first, in
 * words; cards on a phone (360 px, no sideways scroll), a table on a desktop (1280 px); a filter by relying
 * party; downloads. The class's citizen releases 25 times once (a code flow, userinfo, a SAML login, 22
 * refreshes); the tests only read, and each checks that reading released nothing.
 */
@ExtendWith(DinhdanhServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataTrackerPageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> CHANNELS_VI = Map.of("token", "Mã thông báo đăng nhập (OIDC)",
            "refresh", "Làm mới phiên (OIDC)", "userinfo", "Truy vấn thông tin người dùng (OIDC)", "saml_assertion", "Xác nhận đăng nhập (SAML)");

    private ServerUnderTest server;
    private TrackedCitizen citizen;

    @BeforeAll
    void releaseMoreThanAPage(ServerUnderTest server) throws Exception {
        this.server = server;
        citizen = TrackedCitizen.fresh(server);
        TrackedCitizen.Tokens tokens = citizen.codeFlow();
        citizen.userinfo(tokens);
        citizen.samlLogin();
        citizen.refreshed(tokens, 22);
    }

    private Browser signedIn(String language) {
        Browser browser = Browser.open(language);
        browser.open(URI.create(server.realmUrl() + "/data-tracker/"));
        browser.signIn(citizen.number(), citizen.password());
        browser.waitFor(By.id("dinhdanh-data-tracker"));
        return browser;
    }

    private static boolean displayed(Browser browser, String id) {
        return browser.driver().findElement(By.id(id)).isDisplayed();
    }

    @Test
    @DisplayName("the citizen logs in to /data-tracker and reads, in Vietnamese, who received what, newest first")
    void citizenPage() {
        int before = citizen.rows().size();
        try (Browser browser = Browser.open("vi")) {
            browser.open(URI.create(server.realmUrl() + "/data-tracker/"));
            browser.signIn(citizen.number(), citizen.password());
            browser.waitFor(By.id("dinhdanh-tracker-releases"));
            assertThat(browser.driver().getCurrentUrl()).doesNotContain("code=");
            String page = browser.text();
            assertThat(page).contains("Ai đã nhận dữ liệu của tôi", "Cổng dịch vụ công", "Mã định danh riêng cho dịch vụ",
                    "Làm mới phiên (OIDC)", "Số định danh và mật khẩu", "Trang 1").doesNotContain(citizen.number())
                    .as("relying parties named in the page's language").doesNotContain("Public-service portal");
            List<Row> all = citizen.rows();
            assertThat(all).as("more than a page").hasSizeGreaterThan(20);
            List<WebElement> lines = browser.driver().findElements(By.cssSelector("tr.dinhdanh-tracker-release"));
            assertThat(lines).hasSize(20);
            assertThat(page).contains("Tổng cộng " + all.size() + " lần cung cấp dữ liệu.");
            assertThat(lines.get(0).getText()).as("newest first").contains(CHANNELS_VI.get(all.get(all.size() - 1).channel()));
            browser.driver().findElement(By.id("dinhdanh-tracker-next")).click();
            browser.waitFor(By.id("dinhdanh-tracker-previous"));
            List<WebElement> second = browser.driver().findElements(By.cssSelector("tr.dinhdanh-tracker-release"));
            assertThat(second).hasSize(Math.min(20, all.size() - 20));
            assertThat(browser.text()).contains("Trang 2", "Cổng cũ dùng SAML", "Xác nhận đăng nhập (SAML)",
                    "Truy vấn thông tin người dùng (OIDC)").doesNotContain(citizen.number());
            if (all.size() <= 40) {
                assertThat(second.get(second.size() - 1).getText()).as("oldest last: the tokens").contains("Mã thông báo đăng nhập (OIDC)");
            }

            browser.open(URI.create(server.realmUrl() + "/data-tracker/?page=abc"));
            assertThat(browser.text()).contains("Số trang không hợp lệ.");
        }
        assertThat(citizen.rows()).as("reading the page releases nothing").hasSize(before);
    }

    @Test
    @DisplayName("on a phone (360 px): one card per release, no table, no sideways scroll (nor at 320 px); the level and method in words")
    void phoneCards() {
        int before = citizen.rows().size();
        try (Browser browser = signedIn("vi")) {
            browser.driver().manage().window().setSize(new Dimension(360, 800));
            browser.driver().navigate().refresh();
            browser.waitFor(By.id("dinhdanh-tracker-cards"));
            assertThat(displayed(browser, "dinhdanh-tracker-cards")).isTrue();
            assertThat(displayed(browser, "dinhdanh-tracker-releases")).as("the table is for desktops").isFalse();
            List<WebElement> cards = browser.driver().findElements(By.cssSelector("li.dinhdanh-tracker-card"));
            assertThat(cards).hasSize(20);
            assertThat(cards.get(0).getText()).contains("Cổng dịch vụ công", "Mức 1 (cơ bản)", "Số định danh và mật khẩu",
                    "Làm mới phiên (OIDC)", "Tải biên nhận số");
            JavascriptExecutor js = (JavascriptExecutor) browser.driver();
            long viewport = ((Number) js.executeScript("return document.documentElement.clientWidth")).longValue();
            long content = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
            assertThat(viewport).isLessThanOrEqualTo(360);
            assertThat(content).as("no sideways scroll at %d px", viewport).isLessThanOrEqualTo(viewport);
            assertThat(js.executeScript("return document.documentElement.lang")).isEqualTo("vi");
            screenshot(browser, "data-tracker-360-vi.png");

            browser.driver().manage().window().setSize(new Dimension(320, 800));
            browser.driver().navigate().refresh();
            browser.waitFor(By.id("dinhdanh-tracker-cards"));
            long narrow = ((Number) js.executeScript("return document.documentElement.clientWidth")).longValue();
            assertThat(narrow).isLessThanOrEqualTo(320);
            assertThat(((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue())
                    .as("no sideways scroll at %d px", narrow).isLessThanOrEqualTo(narrow);
        }
        assertThat(citizen.rows()).hasSize(before);
    }

    @Test
    @DisplayName("on a desktop (1280 px): a table with a header per column and a receipt link per row, no cards")
    void desktopTable() {
        try (Browser browser = signedIn("vi")) {
            assertThat(displayed(browser, "dinhdanh-tracker-releases")).isTrue();
            assertThat(displayed(browser, "dinhdanh-tracker-cards")).isFalse();
            List<WebElement> headers = browser.driver().findElements(By.cssSelector("#dinhdanh-tracker-releases th[scope=col]"));
            assertThat(headers).extracting(WebElement::getText).containsExactly("Thời gian", "Dịch vụ nhận", "Dữ liệu đã cung cấp",
                    "Hình thức", "Mức xác thực", "Cách đăng nhập", "Biên nhận");
            assertThat(browser.driver().findElements(By.cssSelector("#dinhdanh-tracker-releases a.dinhdanh-tracker-receipt"))).hasSize(20);
            assertThat(browser.text()).contains("Mức 1 (cơ bản)");
            JavascriptExecutor js = (JavascriptExecutor) browser.driver();
            assertThat(((Number) js.executeScript("return document.getElementById('dinhdanh-tracker-releases').offsetWidth")).longValue())
                    .as("the table gets the width of a desktop, not of the login card").isGreaterThan(800);
            screenshot(browser, "data-tracker-1280-vi.png");
        }
    }

    @Test
    @DisplayName("filtered by relying party: only legacy-portal's release, by its name; pages and downloads keep the filter")
    void filterByRelyingParty() {
        try (Browser browser = signedIn("vi")) {
            Select select = new Select(browser.driver().findElement(By.id("dinhdanh-tracker-client")));
            List<String> names = select.getOptions().stream().map(WebElement::getText).toList();
            assertThat(names).first().isEqualTo("Tất cả dịch vụ");
            assertThat(names).as("relying parties by name, not client id").hasSize(3)
                    .anySatisfy(n -> assertThat(n).startsWith("Cổng dịch vụ công"))
                    .anySatisfy(n -> assertThat(n).startsWith("Cổng cũ dùng SAML"))
                    .noneSatisfy(n -> assertThat(n).contains("legacy-portal"));
            select.selectByValue("legacy-portal");
            browser.driver().findElement(By.id("dinhdanh-tracker-filter-apply")).click();
            browser.waitFor(By.cssSelector("#dinhdanh-tracker-client option[selected]"));
            assertThat(browser.driver().getCurrentUrl()).contains("client=legacy-portal");
            assertThat(browser.text()).contains("Tổng cộng 1 lần cung cấp dữ liệu.", "Xác nhận đăng nhập (SAML)");
            assertThat(browser.driver().findElements(By.cssSelector("tr.dinhdanh-tracker-release"))).hasSize(1);
            assertThat(browser.driver().findElement(By.id("dinhdanh-tracker-csv")).getAttribute("href")).contains("client=legacy-portal");

            browser.open(URI.create(server.realmUrl() + "/data-tracker/?client=bank-online"));
            assertThat(browser.text()).contains("Dịch vụ được chọn không có trong lịch sử của bạn.");
        }
    }

    @Test
    @DisplayName("downloads: the whole history as CSV and JSON, in words with the codes beside; another format is refused")
    void downloads() throws Exception {
        int all = citizen.rows().size();
        try (Browser browser = signedIn("vi")) {
            String csv = fetch(browser, browser.driver().findElement(By.id("dinhdanh-tracker-csv")).getAttribute("href"));
            assertThat(csv).startsWith("200\n");
            List<String> lines = csv.substring(4).lines().toList();
            assertThat(lines.get(0)).isEqualTo("row,time,client_id,client,channel,items,level,method,row_hash");
            assertThat(lines).hasSize(1 + all);
            assertThat(lines.get(1)).contains(",public-portal,Cổng dịch vụ công", ",Làm mới phiên (OIDC),", ",Mức 1 (cơ bản),Số định danh và mật khẩu,");

            String json = fetch(browser, browser.driver().findElement(By.id("dinhdanh-tracker-json")).getAttribute("href"));
            assertThat(json).startsWith("200\n");
            JsonNode body = JSON.readTree(json.substring(4));
            assertThat(body.path("count").asInt()).isEqualTo(all);
            JsonNode oldest = body.path("releases").get(all - 1);
            assertThat(oldest.path("channel").asText()).isEqualTo("token");
            assertThat(oldest.path("level").asText()).isEqualTo("Mức 1 (cơ bản)");
            assertThat(oldest.path("rowHash").asText()).hasSize(64);
            assertThat(json).doesNotContain(citizen.number(), citizen.subject());

            assertThat(fetch(browser, server.realmUrl() + "/data-tracker/download?format=xml"))
                    .startsWith("400\n").contains("Định dạng tải về không hợp lệ");
        }
        assertThat(citizen.rows()).hasSize(all);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vi", "en"})
    @DisplayName("axe-core finds no WCAG 2.1 A/AA violation and nothing scrolls sideways, at 1280 and 360 px (screenshots for docs/screens.md)")
    void accessible(String language) {
        int before = citizen.rows().size();
        try (Browser browser = signedIn(language)) {
            // Not a login page: no relying party to name (the filter's names are the citizen's own choice).
            PageCheck.check(browser, "data-tracker", language, false);
        }
        assertThat(citizen.rows()).hasSize(before);
    }

    @Test
    @DisplayName("in English: the page, its lang attribute, the level in words")
    void english() {
        try (Browser browser = signedIn("en")) {
            assertThat(browser.text()).contains("Who received my data", "Level 1 (basic)", "Download receipt no.", "Filter",
                    "Public-service portal (sample)").doesNotContain("Cổng dịch vụ công");
            assertThat(((JavascriptExecutor) browser.driver()).executeScript("return document.documentElement.lang")).isEqualTo("en");
        }
    }

    /** A picture of the page as the test saw it, for a reviewer: {@code it/target/screens/}. */
    private static void screenshot(Browser browser, String name) {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of("target", "screens");
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.write(dir.resolve(name),
                    ((org.openqa.selenium.TakesScreenshot) browser.driver()).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** GET in the signed-in browser (its cookies): "status\nbody". */
    static String fetch(Browser browser, String url) {
        return (String) ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {credentials: 'same-origin'})"
                        + ".then(r => r.text().then(t => done(r.status + '\\n' + t)))"
                        + ".catch(e => done('error ' + e));", url);
    }
}
