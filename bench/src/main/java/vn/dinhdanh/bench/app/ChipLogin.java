package vn.dinhdanh.bench.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import vn.dinhdanh.sandbox.LocalHttp;
import vn.dinhdanh.sandbox.chip.SandboxChips;
import vn.dinhdanh.virtualchip.VirtualChip;

/**
 * One CCCD chip login, both sides played: the browser (authorization request, the VNeID page, "try another way",
 * "Thẻ căn cước gắn chip", the chip page with its QR code and long poll) and the citizen's app (reads a virtual card
 * made before the timed phases, answers the page's challenge with Active Authentication, posts the card to
 * {@code /chip/verifications}). The Active Authentication signature is the driver's only crypto per login (the
 * driver's CPU is reported). Timed from the verification's return to the poll's {@code answered} and to the redirect.
 */
final class ChipLogin {

    static final String CHIP_METHOD = "Thẻ căn cước gắn chip";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRY_ANOTHER_WAY = "kc-select-try-another-way-form";
    private static final String WAIT_FORM = "dinhdanh-chip-form";

    /** A citizen and the virtual card of theirs the app reads. */
    record Card(String idNumber, VirtualChip chip) {
        @Override
        public String toString() {
            return "Card[…]";
        }
    }

    private final Browser browser = new Browser();
    private final HttpClient reader = LocalHttp.builder().connectTimeout(Duration.ofSeconds(5)).build();
    private final RelyingParty portal;
    private final URI verifications;
    private final PagePoll.Waiting waiting;

    ChipLogin(RelyingParty portal, PagePoll.Waiting waiting) {
        this.portal = portal;
        this.verifications = URI.create(portal.realmUrl() + "/chip/verifications");
        this.waiting = waiting;
    }

    AppLogin.Timings run(Card card) {
        long started = System.nanoTime();
        browser.forget();
        RelyingParty.Request request = portal.request();
        Browser.Page first = browser.get(request.authorizationUrl(), portal.redirectUri());
        Browser.Page list = browser.post(first.form(TRY_ANOTHER_WAY), Browser.fields("tryAnotherWay", "on"), portal.redirectUri());
        LoginPages.Choice chip = LoginPages.choice(list.body(), CHIP_METHOD)
                .orElseThrow(() -> new LoginFailure("the list of login methods (HTTP " + list.status() + ") has no chip login"));
        long opened = System.nanoTime();
        Browser.Page page = browser.post(list.uri().resolve(chip.action()), Browser.fields("authenticationExecution", chip.execution()),
                portal.redirectUri());
        long pageTime = System.nanoTime() - opened;
        String link = LoginPages.attribute(page.body(), "data-chip-link")
                .orElseThrow(() -> new LoginFailure("no data-chip-link on the chip page: HTTP " + page.status()));
        URI stateUrl = page.uri().resolve(LoginPages.attribute(page.body(), "data-state-url")
                .orElseThrow(() -> new LoginFailure("no data-state-url on the chip page")));
        URI answered = page.form(WAIT_FORM);
        Map<String, String> challenge = query(link);

        PagePoll poll = PagePoll.chip(browser, stateUrl, waiting);
        long asked;
        long verified;
        try {
            String body = SandboxChips.verificationRequest(card.chip(), challenge.get("challengeId"),
                    Base64.getUrlDecoder().decode(challenge.get("nonce"))).toString();
            asked = System.nanoTime();
            HttpResponse<String> answer = reader.send(HttpRequest.newBuilder(verifications).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            verified = System.nanoTime();
            JsonNode verdict = JSON.readTree(answer.body());
            if (answer.statusCode() != 200 || !"valid".equals(verdict.path("verdict").asText())) {
                throw new LoginFailure("chip refused: HTTP " + answer.statusCode() + " " + verdict.path("failure").asText(
                        verdict.path("error").asText()));
            }
        } catch (IOException e) {
            poll.stop();
            throw new LoginFailure("chip verification: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            poll.stop();
            Thread.currentThread().interrupt();
            throw new LoginFailure("interrupted");
        } catch (RuntimeException e) {
            poll.stop();
            throw e;
        }
        long polled = poll.await();
        Browser.Page done = browser.post(answered, Browser.fields("answered", "on"), portal.redirectUri());
        long redirected = System.nanoTime();
        if (!done.redirected()) {
            throw new LoginFailure("the chip page's form post answered HTTP " + done.status() + ", not the redirect");
        }
        portal.code(done.location(), request);
        return new AppLogin.Timings(System.nanoTime() - started, pageTime, verified - asked, polled - verified, redirected - verified);
    }

    /** The app link's parameters ({@code vneid://chip-login?realm=…&challengeId=…&nonce=…}). */
    static Map<String, String> query(String link) {
        Map<String, String> parameters = new HashMap<>();
        String raw = URI.create(link).getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
                parameters.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        if (!parameters.containsKey("challengeId") || !parameters.containsKey("nonce")) {
            throw new LoginFailure("the chip page's app link names no challenge");
        }
        return parameters;
    }
}
