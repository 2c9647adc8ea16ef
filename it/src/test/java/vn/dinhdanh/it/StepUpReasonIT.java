package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.dinhdanh.it.support.Browser;
import vn.dinhdanh.it.support.Citizen;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.LoopbackReceiver;
import vn.dinhdanh.it.support.PageCheck;
import vn.dinhdanh.it.support.Passwords;
import vn.dinhdanh.it.support.PublicPortal;
import vn.dinhdanh.it.support.Registry;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.sandbox.app.AppClient;

/**
 * The step-up reason ("this service needs level 2 because …") on every page of the second method, not only its
 * first: after the citizen refuses on the phone, after "Thử lại" (a new push), on "try another way" and the chip's
 * page, and back on the app; and no longer once level 2 is reached (the consent page).
 */
@ExtendWith(DinhdanhServerExtension.class)
class StepUpReasonIT {

    private static final String REASON = "dinhdanh-step-up-reason";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vi", "en"})
    @DisplayName("the reason stays through a refusal on the phone, a retry, another method and back; gone after level 2")
    void everyPageOfTheStepUp(String lang, ServerUnderTest server) {
        Registry registry = new Registry(server);
        PublicPortal portal = new PublicPortal(server);
        AppClient app = new AppClient(server.realmUrl());
        String number = registry.pick(Registry.ALIVE + " AND c.eid_level = 2");
        Citizen citizen = new Citizen(number, app.enrolNewPhone(server.admin(), number));
        String password = Passwords.give(server, number);
        Map<String, String> parameters = portal.parametersWithPkce(PublicPortal.Request.fresh());
        parameters.put("ui_locales", lang);
        parameters.put("scope", "openid citizen_basic");
        parameters.put("acr_values", "urn:vn:eid:loa:2");
        String expected = lang.equals("vi") ? "mức 2" : "level-2";
        String service = lang.equals("vi") ? "Cổng dịch vụ công" : "Public-service portal";
        try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
             Browser browser = Browser.open(lang)) {
            WebDriver driver = browser.driver();
            driver.get(portal.authorizationUrl(parameters).toString());
            browser.signIn(number, password);

            // The first page of the second method: the number to pick in the app.
            browser.waitFor(By.id("dinhdanh-app-number"));
            assertReason(browser, expected, service, "the app's first page");

            // The citizen refuses on the phone: the page says so and offers "Thử lại".
            WebElement shown = driver.findElement(By.id("dinhdanh-app-number"));
            app.decide(citizen.phone(), citizen.onlyPending(app), false, Integer.parseInt(shown.getText().strip()));
            // The page is replaced: wait on what the new one holds (a stale element's check can fail in Chromium
            // with "Node with given id does not belong to the document" instead of a staleness exception).
            waiting(browser).until(d -> d.findElements(By.id("dinhdanh-app-number")).isEmpty()
                    && !d.findElements(By.id("dinhdanh-app-retry")).isEmpty());
            assertReason(browser, expected, service, "the page after a refusal on the phone");
            PageCheck.check(browser, "step-up-refused", lang);

            // "Thử lại": a new push, a new number.
            driver.findElement(By.id("dinhdanh-app-retry")).click();
            browser.waitFor(By.id("dinhdanh-app-number"));
            assertReason(browser, expected, service, "the page after retry");

            // Another way: the methods, then the chip's page.
            browser.chooseMethod("Thẻ căn cước gắn chip", "Chip ID card");
            browser.waitFor(By.cssSelector("#dinhdanh-chip-qr svg"));
            assertReason(browser, expected, service, "the chip's page");
            driver.findElement(By.id("try-another-way")).click();
            browser.waitFor(By.id("dinhdanh-methods"));
            assertReason(browser, expected, service, "the methods page");

            // Back to the app: a push again; approved, level 2 is reached and the consent page gives no step-up reason.
            driver.findElement(By.xpath("//button[contains(@class, 'dinhdanh-method')]/span[@class='dinhdanh-method-name']"
                    + "[text()='" + (lang.equals("vi") ? "Ứng dụng VNeID" : "VNeID app") + "']/..")).click();
            browser.waitFor(By.id("dinhdanh-app-number"));
            assertReason(browser, expected, service, "the app's page chosen again");
            int picked = Integer.parseInt(driver.findElement(By.id("dinhdanh-app-number")).getText().strip());
            assertThat(app.decide(citizen.phone(), citizen.onlyPending(app), true, picked).body().path("decision").asText())
                    .isEqualTo("approved");
            browser.waitFor(By.id("dinhdanh-consent-items"));
            assertThat(driver.findElements(By.id(REASON))).as("no step-up reason once level 2 is reached").isEmpty();
            driver.findElement(By.id("kc-login")).click();
            assertThat(callback.await(Duration.ofSeconds(30)).parameters()).containsKey("code");
        }
    }

    private static void assertReason(Browser browser, String expected, String service, String where) {
        assertThat(browser.driver().findElements(By.id(REASON))).as("the step-up reason on %s", where).hasSize(1);
        assertThat(browser.driver().findElement(By.id(REASON)).getText()).as("the step-up reason on %s", where)
                .contains(expected).contains(service);
    }

    private static WebDriverWait waiting(Browser browser) {
        return new WebDriverWait(browser.driver(), Duration.ofSeconds(30));
    }
}
