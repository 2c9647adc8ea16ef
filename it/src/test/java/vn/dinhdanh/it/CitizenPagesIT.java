package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.dinhdanh.it.support.Browser;
import vn.dinhdanh.it.support.ChipReader;
import vn.dinhdanh.it.support.ChipReader.Challenge;
import vn.dinhdanh.it.support.Citizen;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.LoopbackReceiver;
import vn.dinhdanh.it.support.PageCheck;
import vn.dinhdanh.it.support.Passwords;
import vn.dinhdanh.it.support.PublicPortal;
import vn.dinhdanh.it.support.Registry;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.sandbox.app.AppClient;
import vn.dinhdanh.virtualchip.ActiveAuthKey;
import vn.dinhdanh.virtualchip.Variant;

/**
 * Every state of the citizen's login pages, as a citizen meets them: in Vietnamese and English, at 1280 and 360 px,
 * axe-core finds no WCAG 2.1 A/AA violation, nothing scrolls sideways and the page names the service (see
 * {@link PageCheck}, which also saves the screenshots of docs/screens.md); and each login method can be completed
 * with the keyboard alone.
 */
@ExtendWith(DinhdanhServerExtension.class)
class CitizenPagesIT {

    private static final String LOA_2 = "urn:vn:eid:loa:2";
    private static final String LEVEL_1 = Registry.ALIVE + " AND c.eid_level = 1";
    private static final String LEVEL_2 = Registry.ALIVE + " AND c.eid_level = 2";

    private ServerUnderTest server;
    private Registry registry;
    private PublicPortal portal;

    @BeforeEach
    void setUp(ServerUnderTest server) {
        this.server = server;
        this.registry = new Registry(server);
        this.portal = new PublicPortal(server);
    }

    private String loginUrl(String lang, String scope, String acr) {
        Map<String, String> parameters = portal.parametersWithPkce(PublicPortal.Request.fresh());
        parameters.put("ui_locales", lang);
        parameters.put("scope", scope);
        if (acr != null) {
            parameters.put("acr_values", acr);
        }
        return portal.authorizationUrl(parameters).toString();
    }

    private static String methodName(String lang, String method) {
        return switch (method) {
            case "password" -> lang.equals("vi") ? "và mật khẩu" : "and password";
            case "chip" -> lang.equals("vi") ? "Thẻ căn cước gắn chip" : "Chip ID card";
            default -> throw new IllegalArgumentException(method);
        };
    }

    private static By method(String lang, String method) {
        return By.xpath("//button[contains(@class, 'dinhdanh-method')][contains(., '" + methodName(lang, method) + "')]");
    }

    @Nested
    @DisplayName("every page state: axe-core clean, no sideways scroll, the service named (vi and en, 1280 and 360 px)")
    class States {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"vi", "en"})
        @DisplayName("the first page, the methods, the password form and its errors, the chip page and its expiry")
        void loginPages(String lang) {
            String number = registry.pick(Registry.ALIVE);
            String password = Passwords.give(server, number);
            String deceased = registry.pick("c.life_status = 'deceased'");
            String deceasedPassword = Passwords.give(server, deceased);
            try (Browser browser = Browser.open(lang)) {
                browser.driver().get(loginUrl(lang, "openid citizen_basic", null));
                browser.waitFor(By.cssSelector("#dinhdanh-app-qr svg"));
                PageCheck.check(browser, "app-identify", lang);

                browser.driver().findElement(By.id("try-another-way")).click();
                browser.waitFor(By.id("dinhdanh-methods"));
                PageCheck.check(browser, "methods", lang);

                browser.driver().findElement(method(lang, "password")).click();
                browser.waitFor(By.id("password"));
                assertThat(browser.text()).contains(lang.equals("vi") ? "Số định danh cá nhân" : "Personal identification number")
                        .doesNotContain("Tên người dùng").doesNotContain("Username");
                assertThat(browser.driver().findElement(By.id("dinhdanh-lockout")).getText()).contains("5");
                PageCheck.check(browser, "password", lang);

                browser.driver().findElement(By.id("username")).sendKeys(number);
                browser.driver().findElement(By.id("password")).sendKeys("not-the-password-" + lang);
                browser.driver().findElement(By.id("kc-login")).click();
                browser.waitFor(By.id("input-error-username"));
                PageCheck.check(browser, "password-wrong", lang);

                browser.driver().findElement(By.id("username")).clear();
                browser.driver().findElement(By.id("username")).sendKeys(deceased);
                browser.driver().findElement(By.id("password")).sendKeys(deceasedPassword);
                browser.driver().findElement(By.id("kc-login")).click();
                new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(d -> d.getPageSource()
                        .contains(lang.equals("vi") ? "hiện không thể dùng để đăng nhập" : "cannot be used to sign in at present"));
                assertThat(browser.text()).doesNotContain("đã mất").doesNotContain("deceased");
                PageCheck.check(browser, "refused", lang);

                browser.driver().findElement(By.id("try-another-way")).click();
                browser.waitFor(By.id("dinhdanh-methods"));
                browser.driver().findElement(method(lang, "chip")).click();
                browser.waitFor(By.cssSelector("#dinhdanh-chip-qr svg"));
                PageCheck.check(browser, "chip", lang);

                // What the page's script does when the server says the code expired (a two-minute wait otherwise).
                PageCheck.js(browser, "document.getElementById('dinhdanh-chip-waiting').hidden = true;"
                        + "document.getElementById('dinhdanh-chip-expired').hidden = false;");
                assertThat(browser.driver().findElement(By.id("dinhdanh-chip-qr")).isDisplayed()).isFalse();
                assertThat(browser.driver().findElement(By.id("dinhdanh-chip-retry")).isDisplayed()).isTrue();
                PageCheck.check(browser, "chip-expired", lang);
            }
            assertThat(password).isNotBlank();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"vi", "en"})
        @DisplayName("level 2: the second method with its reason, the consent page; and the refusal with a next step")
        void levelTwoPages(String lang) {
            AppClient app = new AppClient(server.realmUrl());
            String number = registry.pick(LEVEL_2);
            Citizen citizen = new Citizen(number, app.enrolNewPhone(server.admin(), number));
            String password = Passwords.give(server, number);
            try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
                 Browser browser = Browser.open(lang)) {
                browser.driver().get(loginUrl(lang, "openid citizen_basic", LOA_2));
                browser.signIn(number, password);
                browser.waitFor(By.id("dinhdanh-app-number"));
                assertThat(browser.driver().findElement(By.id("dinhdanh-step-up-reason")).getText())
                        .contains(lang.equals("vi") ? "mức 2" : "level-2");
                PageCheck.check(browser, "step-up", lang);

                int shown = Integer.parseInt(browser.driver().findElement(By.id("dinhdanh-app-number")).getText().strip());
                assertThat(app.decide(citizen.phone(), citizen.onlyPending(app), true, shown).body().path("decision").asText())
                        .isEqualTo("approved");
                browser.waitFor(By.id("dinhdanh-consent-items"));
                PageCheck.check(browser, "consent", lang);
                browser.driver().findElement(By.id("kc-login")).click();
                assertThat(callback.await(Duration.ofSeconds(30)).parameters()).containsKey("code");
            }

            String levelOne = registry.pick(LEVEL_1);
            String levelOnePassword = Passwords.give(server, levelOne);
            try (Browser browser = Browser.open(lang)) {
                browser.driver().get(loginUrl(lang, "openid", LOA_2));
                browser.signIn(levelOne, levelOnePassword);
                browser.waitFor(By.id("dinhdanh-level-2-reason"));
                assertThat(browser.driver().findElements(By.id("dinhdanh-level-2-next"))).hasSize(1);
                PageCheck.check(browser, "level-2-refused", lang);
            }
        }
    }

    @Nested
    @DisplayName("keyboard only (a phone's width): Tab to each control, Enter or Space")
    class Keyboard {

        /** Tabs (at most 40 times) until {@code target} has the focus: it can be reached with the keyboard. */
        private void tabTo(Browser browser, By target) {
            browser.waitFor(target);
            WebElement element = browser.driver().findElement(target);
            for (int i = 0; i < 40; i++) {
                if (element.equals(browser.driver().switchTo().activeElement())) {
                    return;
                }
                new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
            }
            throw new AssertionError(target + " cannot be reached with the Tab key");
        }

        private void press(Browser browser, CharSequence key) {
            new Actions(browser.driver()).sendKeys(key).perform();
        }

        private void type(Browser browser, By field, String text) {
            tabTo(browser, field);
            new Actions(browser.driver()).sendKeys(text).perform();
        }

        @Test
        @DisplayName("the password method: another way (Enter), the method (Space), the form (Enter), consent (Enter)")
        void password() {
            String number = registry.pick(Registry.ALIVE);
            String password = Passwords.give(server, number);
            try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
                 Browser browser = Browser.open("vi")) {
                PageCheck.resize(browser, PageCheck.Width.PHONE);
                browser.driver().get(loginUrl("vi", "openid citizen_basic", null));
                tabTo(browser, By.id("try-another-way"));
                press(browser, Keys.ENTER);
                tabTo(browser, method("vi", "password"));
                press(browser, Keys.SPACE);
                type(browser, By.id("username"), number);
                type(browser, By.id("password"), password);
                press(browser, Keys.ENTER);
                browser.waitFor(By.id("dinhdanh-consent-items")); // the password form's button is also #kc-login
                tabTo(browser, By.id("kc-login"));
                press(browser, Keys.ENTER);
                assertThat(callback.await(Duration.ofSeconds(30)).parameters()).containsKey("code");
            }
        }

        @Test
        @DisplayName("the chip method: chosen with Enter; the card read by the app; consent with Enter")
        void chip() {
            ChipReader reader = new ChipReader(server);
            String number = registry.pick(ChipVerificationIT.HOLDER);
            var holder = reader.holder(number);
            try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
                 Browser browser = Browser.open("en")) {
                PageCheck.resize(browser, PageCheck.Width.PHONE);
                browser.driver().get(loginUrl("en", "openid citizen_basic", null));
                tabTo(browser, By.id("try-another-way"));
                press(browser, Keys.ENTER);
                tabTo(browser, method("en", "chip"));
                press(browser, Keys.ENTER);
                browser.waitFor(By.cssSelector("#dinhdanh-chip-qr svg"));
                Challenge challenge = Challenge.ofAppLink(browser.driver().findElement(By.id("dinhdanh-chip")).getAttribute("data-chip-link"));
                assertThat(reader.verify(reader.request(reader.chip(holder, Variant.GENUINE, ActiveAuthKey.EC_P256_PLAIN),
                        challenge)).body().path("verdict").asText()).isEqualTo("valid");
                browser.waitFor(By.id("dinhdanh-consent-items"));
                tabTo(browser, By.id("kc-login"));
                press(browser, Keys.ENTER);
                assertThat(callback.await(Duration.ofSeconds(30)).parameters()).containsKey("code");
            }
        }

        @Test
        @DisplayName("the VNeID app method: the ID number typed and sent with Enter, the number approved on the phone")
        void app() {
            AppClient app = new AppClient(server.realmUrl());
            Citizen citizen = Citizen.withPhone(server, registry, app);
            try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
                 Browser browser = Browser.open("vi")) {
                PageCheck.resize(browser, PageCheck.Width.PHONE);
                browser.driver().get(loginUrl("vi", "openid citizen_basic", null));
                type(browser, By.id("idNumber"), citizen.number());
                press(browser, Keys.ENTER);
                browser.waitFor(By.id("dinhdanh-app-number"));
                int shown = Integer.parseInt(browser.driver().findElement(By.id("dinhdanh-app-number")).getText().strip());
                assertThat(app.decide(citizen.phone(), citizen.onlyPending(app), true, shown).body().path("decision").asText())
                        .isEqualTo("approved");
                browser.waitFor(By.id("dinhdanh-consent-items"));
                tabTo(browser, By.id("kc-login"));
                press(browser, Keys.ENTER);
                assertThat(callback.await(Duration.ofSeconds(30)).parameters()).containsKey("code");
            }
        }
    }
}
