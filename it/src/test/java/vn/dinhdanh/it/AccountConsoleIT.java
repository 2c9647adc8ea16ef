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

/** The citizen's account console: dinhdanh's name and logo, the name in Vietnamese order, no OTP app offered. */
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
}
