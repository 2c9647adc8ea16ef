package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.dinhdanh.it.support.Browser;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.Passwords;
import vn.dinhdanh.it.support.Registry;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.sandbox.app.AppClient;

/**
 * The citizen's account console: dinhdanh's name and logo, the name in Vietnamese order, no OTP app offered, the
 * VNeID devices before the password.
 */
@ExtendWith(DinhdanhServerExtension.class)
class AccountConsoleIT {

    @Test
    @DisplayName("Vietnamese title, dinhdanh logo, family name first; 'Signing in' offers no authenticator application")
    void branded(ServerUnderTest server) {
        Registry registry = new Registry(server);
        String number = registry.pick(Registry.ALIVE);
        String fullName = registry.text("SELECT full_name FROM citizen WHERE id_number = ?", number);
        String password = Passwords.give(server, number);
        try (Browser browser = Browser.open("en")) {
            browser.open(URI.create(server.realmUrl() + "/account/"));
            browser.waitFor(By.id("dinhdanh-service-name"));
            assertThat(browser.driver().findElement(By.id("dinhdanh-service-name")).getText()).isEqualTo("e-identity account");
            browser.signIn(number, password);
            new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> d.getPageSource().contains(fullName));
            assertThat(browser.driver().getTitle()).isEqualTo("Tài khoản định danh điện tử · e-identity account");
            assertThat(browser.driver().findElements(By.cssSelector("img[src$='/logo.svg']"))).isNotEmpty();
            assertThat(browser.driver().getPageSource()).contains("/account/dinhdanh/logo.svg");

            browser.open(URI.create(server.realmUrl() + "/account/account-security/signing-in"));
            new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> d.getPageSource().contains("Password"));
            assertThat(browser.text()).doesNotContain("Authenticator application");
        }
    }

    @Test
    @DisplayName("'Signing in': the VNeID devices come before the password, on the page and in the reading (Tab) order")
    void devicesFirst(ServerUnderTest server) {
        Registry registry = new Registry(server);
        String number = registry.pick(Registry.ALIVE + " AND c.eid_level = 2");
        new AppClient(server.realmUrl()).enrolNewPhone(server.admin(), number);
        String password = Passwords.give(server, number);
        try (Browser browser = Browser.open("vi")) {
            browser.open(URI.create(server.realmUrl() + "/account/account-security/signing-in"));
            browser.signIn(number, password);
            new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d ->
                    !d.findElements(By.id("passwordless-categ-title")).isEmpty() && !d.findElements(By.id("basic-authentication-categ-title")).isEmpty());
            java.util.List<String> headings = browser.driver().findElements(By.cssSelector("h2[id$='-categ-title']")).stream()
                    .map(h -> h.getAttribute("id") + " " + h.getText()).toList();
            assertThat(headings).as("the sections in document order").containsExactly(
                    "passwordless-categ-title Ứng dụng VNeID", "basic-authentication-categ-title Mật khẩu");
            assertThat(browser.driver().findElements(By.cssSelector("h3[data-testid$='/help']")).stream()
                    .map(h -> h.getAttribute("data-testid")).toList())
                    .as("the credential types in document order").containsExactly("vneid-device/help", "password/help");
        }
    }
}
