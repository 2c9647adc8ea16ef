package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import vn.dinhdanh.it.support.Browser;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.PublicPortal;
import vn.dinhdanh.it.support.ServerUnderTest;

/** The login page speaks Vietnamese first, English second, in the dinhdanh theme. */
@ExtendWith(DinhdanhServerExtension.class)
class LoginThemeIT {

    /** The realm's first page is the VNeID app's (a QR code, or the ID number for a push). */
    private static final String TITLE_VI = "Đăng nhập bằng ứng dụng VNeID";
    private static final String TITLE_EN = "Sign in with the VNeID app";

    private static URI loginPage(ServerUnderTest server, String uiLocales) {
        PublicPortal portal = new PublicPortal(server);
        Map<String, String> parameters = portal.parametersWithPkce(PublicPortal.Request.fresh());
        if (uiLocales != null) {
            parameters.put("ui_locales", uiLocales);
        }
        return portal.authorizationUrl(parameters);
    }

    @Test
    @DisplayName("a Vietnamese browser gets the Vietnamese page, styled by the dinhdanh theme")
    void vietnamese(ServerUnderTest server) {
        try (Browser browser = Browser.open("vi")) {
            browser.open(loginPage(server, null));
            browser.waitFor(By.id("idNumber"));
            assertThat(browser.text()).contains(TITLE_VI);
            assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("vi");
            assertThat(browser.driver().getPageSource()).contains("/login/dinhdanh/css/dinhdanh.css");
        }
    }

    @Test
    @DisplayName("a browser in a language dinhdanh does not offer gets Vietnamese, the realm default")
    void defaultIsVietnamese(ServerUnderTest server) {
        try (Browser browser = Browser.open("fr")) {
            browser.open(loginPage(server, null));
            browser.waitFor(By.id("idNumber"));
            assertThat(browser.text()).contains(TITLE_VI);
        }
    }

    @Test
    @DisplayName("English is offered: by ui_locales, or by an English browser")
    void english(ServerUnderTest server) {
        try (Browser browser = Browser.open("vi")) {
            browser.open(loginPage(server, "en"));
            browser.waitFor(By.id("idNumber"));
            assertThat(browser.text()).contains(TITLE_EN).doesNotContain(TITLE_VI);
        }
        try (Browser browser = Browser.open("en-US")) {
            browser.open(loginPage(server, null));
            browser.waitFor(By.id("idNumber"));
            assertThat(browser.text()).contains(TITLE_EN);
        }
    }

    @Test
    @DisplayName("a wrong password gets a translated error and the form again")
    void wrongPassword(ServerUnderTest server) {
        try (Browser browser = Browser.open("vi")) {
            browser.open(loginPage(server, null));
            browser.signIn("tester", "not-the-password");
            browser.waitFor(By.id("input-error-username"));
            assertThat(browser.text()).contains("Số định danh cá nhân hoặc mật khẩu không đúng").doesNotContain("Tên người dùng");
            assertThat(browser.driver().findElements(By.id("password"))).isNotEmpty();
        }
    }
}
