package vn.dinhdanh.it.support;

import java.io.File;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Debian's chromedriver: nothing is downloaded. Paths can be
 * changed with {@code -Ddinhdanh.chromium} and {@code -Ddinhdanh.chromedriver}.
 */
public final class Browser implements AutoCloseable {

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** A new browser, with no cookies, whose preferred language is {@code acceptLanguage}. */
    public static Browser open(String acceptLanguage) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("dinhdanh.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--lang=" + acceptLanguage, "--window-size=1280,900");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguage));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("dinhdanh.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options));
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(java.net.URI url) {
        driver.get(url.toString());
    }

    /**
     * Fills Keycloak's username/password form and submits it; from the realm's first page (the VNeID app's),
     * it first chooses "ID number and password" through "try another way". A re-authentication of a known user
     * ({@code prompt=login}) asks the password only.
     */
    public void signIn(String username, String password) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> !d.findElements(By.id("password")).isEmpty()
                || !d.findElements(By.id("try-another-way")).isEmpty());
        if (driver.findElements(By.id("password")).isEmpty()) {
            chooseMethod("và mật khẩu", "and password");
        }
        waitFor(By.id("password"));
        if (!driver.findElements(By.id("username")).isEmpty()) {
            driver.findElement(By.id("username")).sendKeys(username);
        }
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
    }

    /** Waits for the consent page (dinhdanh's login-oauth-grant.ftl) and agrees ("Đồng ý"). */
    public void grantConsent() {
        waitFor(By.id("dinhdanh-consent-items"));
        driver.findElement(By.id("kc-login")).click();
    }

    /** Whether the page now shown is the consent page. */
    public boolean onConsentPage() {
        return !driver.findElements(By.id("dinhdanh-consent-items")).isEmpty();
    }

    /** "Try another way", then the login method whose name contains one of {@code names} (one per language). */
    public void chooseMethod(String... names) {
        waitFor(By.id("try-another-way"));
        driver.findElement(By.id("try-another-way")).click();
        String name = "//*[" + String.join(" or ", java.util.Arrays.stream(names).map(n -> "contains(text(), '" + n + "')").toList()) + "]";
        waitFor(By.xpath(name));
        driver.findElement(By.xpath("(" + name + ")/ancestor::button")).click();
    }

    /**
     * Accepts any server certificate in this browser from now on (Chrome DevTools), for relying parties the tests
     * play on loopback https with {@link SelfSignedTls}; Keycloak itself is reached over plain http here.
     */
    public void acceptSelfSignedCertificates() {
        driver.executeCdpCommand("Security.setIgnoreCertificateErrors", Map.of("ignore", true));
    }

    public void waitFor(By element) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> !d.findElements(element).isEmpty());
    }

    /**
     * Clicks {@code element} once it is there and waits for the page the click loads, so that a later wait cannot find
     * the old page's elements. Chromium may answer a check of the clicked, now detached element with "Node with given
     * id does not belong to the document" instead of a staleness error: both mean the old page is gone.
     */
    public void clickAndAwaitNewPage(By element) {
        waitFor(element);
        WebElement clicked = driver.findElement(element);
        clicked.click();
        new WebDriverWait(driver, Duration.ofSeconds(40)).until(d -> {
            try {
                clicked.isEnabled();
                return false;
            } catch (StaleElementReferenceException gone) {
                return true;
            } catch (WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
