package vn.dinhdanh.bench.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.function.LongSupplier;
import vn.dinhdanh.sandbox.app.AppClient;

/**
 * One "Log in with VNeID" by QR code, both sides played: the browser (authorization request, the VNeID page, its QR
 * code fetched once as the page's script does each second, its long poll) and the phone (the code scanned with the
 * device key, then approved). Nothing typed in the browser. Timed as {@link AppLogin}: from the approval's return
 * to the poll's {@code decided} and to the redirect with the code.
 */
final class AppQrLogin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WAIT_FORM = "dinhdanh-app-form";

    private final Browser browser = new Browser();
    private final RelyingParty portal;
    private final AppClient app;
    private final boolean exchangeCode;
    private final PagePoll.Waiting waiting;

    AppQrLogin(RelyingParty portal, boolean exchangeCode, PagePoll.Waiting waiting) {
        this.portal = portal;
        this.app = new AppClient(portal.realmUrl());
        this.exchangeCode = exchangeCode;
        this.waiting = waiting;
    }

    AppLogin.Timings run(AppLogin.Citizen citizen, LongSupplier thinkMillis) {
        long started = System.nanoTime();
        browser.forget();
        RelyingParty.Request request = portal.request();
        Browser.Page first = browser.get(request.authorizationUrl(), portal.redirectUri());
        URI qrUrl = first.uri().resolve(LoginPages.attribute(first.body(), "data-qr-url")
                .orElseThrow(() -> new LoginFailure("no data-qr-url on the VNeID page: HTTP " + first.status())));
        URI stateUrl = first.uri().resolve(LoginPages.attribute(first.body(), "data-state-url")
                .orElseThrow(() -> new LoginFailure("no data-state-url on the VNeID page")));
        URI answered = first.form(WAIT_FORM);

        long shown = System.nanoTime();
        String payload = payload(qrUrl);
        long qr = System.nanoTime() - shown;
        PagePoll poll = PagePoll.app(browser, stateUrl, waiting);
        long asked;
        long decided;
        try {
            AppLogin.sleep(thinkMillis.getAsLong());
            AppClient.Answer scan = app.scan(citizen.phone(), citizen.idNumber(), payload);
            if (scan.status() != 201) {
                throw new LoginFailure("scan refused: HTTP " + scan.status() + " " + scan.body().path("error").asText());
            }
            asked = System.nanoTime();
            AppClient.Answer decision = app.decide(citizen.phone(), scan.body(), true, 0);
            decided = System.nanoTime();
            if (decision.status() != 200 || !"approved".equals(decision.body().path("decision").asText())) {
                throw new LoginFailure("approval refused: HTTP " + decision.status() + " " + decision.body().path("error").asText());
            }
        } catch (RuntimeException e) {
            poll.stop();
            throw e;
        }
        long polled = poll.await();
        Browser.Page done = browser.post(answered, Browser.fields("answered", "on"), portal.redirectUri());
        long redirected = System.nanoTime();
        if (!done.redirected()) {
            throw new LoginFailure("the page's form post answered HTTP " + done.status() + ", not the redirect");
        }
        String code = portal.code(done.location(), request);
        if (exchangeCode) {
            portal.exchange(browser, code, request);
        }
        return new AppLogin.Timings(System.nanoTime() - started, qr, decided - asked, polled - decided, redirected - decided);
    }

    /** The QR code's payload as the page shows it now ({@code GET <qr-url>}: the page's once-a-second fetch). */
    private String payload(URI qrUrl) {
        HttpResponse<String> response = browser.fetchAsync(qrUrl).join();
        try {
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200 || !"pending".equals(body.path("state").asText())) {
                throw new LoginFailure("the QR code's fetch answered HTTP " + response.statusCode() + " " + body.path("state").asText());
            }
            return body.path("payload").asText();
        } catch (IOException e) {
            throw new LoginFailure("the QR code's fetch answered no JSON");
        }
    }
}
