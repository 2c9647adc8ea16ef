package vn.dinhdanh.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Checks one state of a citizen-facing page the way a reviewer would, at a desktop (1280 px) and a phone (360 px)
 * width: axe-core (WCAG 2.1 A and AA rules, from Maven Central's {@code com.deque.html.axe-core:selenium}, never a
 * CDN) finds no violation of any impact; the page does not scroll sideways; it names the relying party. Each check
 * saves a screenshot, {@code target/screens/<state>-<lang>-<desktop|phone>.png}, for {@code docs/screens.md}.
 */
public final class PageCheck {

    public enum Width {
        DESKTOP(1280, 900, false, 0.5), PHONE(360, 740, true, 1.0);

        final int width;
        final int height;
        final boolean mobile;
        final double scale;

        Width(int width, int height, boolean mobile, double scale) {
            this.width = width;
            this.height = height;
            this.mobile = mobile;
            this.scale = scale;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The elements reaching past the window's right edge, for the message of a failed check. */
    private static final String WIDEST = "const w = document.documentElement.clientWidth; return [...document.querySelectorAll('body *')]"
            + ".filter(e => e.getBoundingClientRect().right > w + 1).slice(-5)"
            + ".map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ');";
    private static final String AXE = axeScript();
    private static final Path SCREENS = Path.of(System.getProperty("dinhdanh.screens", "target/screens"));

    private PageCheck() {
    }

    private static String axeScript() {
        try (InputStream in = PageCheck.class.getClassLoader().getResourceAsStream("axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the test class path (com.deque.html.axe-core:selenium)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Emulates a window of {@code width} (a phone: a mobile viewport), as a citizen's device would show the page. */
    public static void resize(Browser browser, Width width) {
        ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", width.width, "height", width.height, "deviceScaleFactor", 1, "mobile", width.mobile));
    }

    /** All checks at both widths, then back to the desktop width; {@code state} names the screenshots. */
    public static void check(Browser browser, String state, String lang) {
        check(browser, state, lang, true);
    }

    /** The same, {@code namesService} false for a page that is not a login page (no relying party to name). */
    public static void check(Browser browser, String state, String lang, boolean namesService) {
        for (Width width : List.of(Width.PHONE, Width.DESKTOP)) {
            resize(browser, width);
            pause(300); // the layout of the new width
            String where = state + " (" + lang + ", " + width.width + " px)";
            assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("lang")).as("lang of %s", where).isEqualTo(lang);
            screenshot(browser, state + "-" + lang + "-" + width.name().toLowerCase(), width);
            Number sideways = (Number) js(browser,
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(sideways.intValue()).as("sideways scroll of %s; too wide: %s", where, js(browser, WIDEST))
                    .isLessThanOrEqualTo(0);
            if (namesService) {
                assertThat(browser.driver().findElements(By.id("dinhdanh-service-name"))).as("service name on %s", where).hasSize(1);
                assertThat(browser.driver().findElement(By.id("dinhdanh-service-name")).getText()).as("service name on %s", where).isNotBlank();
            }
            assertThat(violations(browser)).as("axe-core WCAG 2.1 A/AA violations on %s", where).isEmpty();
        }
        resize(browser, Width.DESKTOP);
    }

    /** axe-core's WCAG 2.1 A and AA violations of the page as shown, one line each (rule, impact, elements). */
    public static List<String> violations(Browser browser) {
        browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        Object installed = js(browser, "return typeof axe !== 'undefined';");
        if (!Boolean.TRUE.equals(installed)) {
            js(browser, AXE);
        }
        String result = (String) ((ChromeDriver) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                        + ".then(r => done(JSON.stringify(r.violations))).catch(e => done('ERROR ' + e));");
        assertThat(result).doesNotStartWith("ERROR");
        List<String> lines = new ArrayList<>();
        try {
            for (JsonNode violation : JSON.readTree(result)) {
                List<String> targets = new ArrayList<>();
                for (JsonNode node : violation.path("nodes")) {
                    targets.add(node.path("target").toString() + " " + node.path("failureSummary").asText().replace('\n', ' '));
                }
                lines.add(violation.path("id").asText() + " (" + violation.path("impact").asText() + "): " + targets);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private static void screenshot(Browser browser, String name, Width width) {
        Map<String, Object> shot = ((ChromeDriver) browser.driver()).executeCdpCommand("Page.captureScreenshot", Map.of(
                "format", "png", "clip", Map.of("x", 0, "y", 0, "width", width.width, "height", width.height, "scale", width.scale)));
        try {
            Files.createDirectories(SCREENS);
            Files.write(SCREENS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code script} in the page. */
    public static Object js(Browser browser, String script) {
        return ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(script);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
