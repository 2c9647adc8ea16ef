package vn.dinhdanh.bench.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.Base64;
import java.util.function.LongSupplier;
import vn.dinhdanh.sandbox.app.AppClient;
import vn.dinhdanh.sandbox.app.SandboxPhone;

/**
 * One "Log in with VNeID" by push, both sides played: the browser (authorization request, the app page, the ID
 * number posted, the number shown, the long poll started as the page's script does) and the citizen's phone
 * (pending challenges fetched with the device key, the browser's number picked, approval signed). Timed from the
 * moment the approval request returns: (a) the long poll answering {@code decided}, (b) the page's form post
 * answering with the redirect to the relying party with a code (the browser continued).
 */
final class AppLogin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEND_FORM = "dinhdanh-app-send-form";
    private static final String WAIT_FORM = "dinhdanh-app-form";
    private static final String NUMBER = "dinhdanh-app-number";

    /** An enrolled phone's citizen. Its phone is used by one login at a time (its signature counter moves). */
    record Citizen(String idNumber, SandboxPhone phone) {
        @Override
        public String toString() {
            return "Citizen[…]";
        }
    }

    /**
     * Nanoseconds: the whole login, the push (ID number posted → number shown), the approval request, and from the
     * approval's return to (a) the long poll's answer and (b) the redirect with the code.
     */
    record Timings(long login, long push, long approval, long decidedToPoll, long decidedToRedirect) {
    }

    private final Browser browser = new Browser();
    private final RelyingParty portal;
    private final AppClient app;
    private final boolean exchangeCode;
    private final PagePoll.Waiting waitingBrowsers;

    AppLogin(RelyingParty portal, boolean exchangeCode, PagePoll.Waiting waiting) {
        this.portal = portal;
        this.app = new AppClient(portal.realmUrl());
        this.exchangeCode = exchangeCode;
        this.waitingBrowsers = waiting;
    }

    /** @param thinkMillis how long the citizen takes between the push and the approval (0: at once) */
    Timings run(Citizen citizen, LongSupplier thinkMillis) {
        long started = System.nanoTime();
        browser.forget();
        RelyingParty.Request request = portal.request();
        Browser.Page first = browser.get(request.authorizationUrl(), portal.redirectUri());
        URI send = first.form(SEND_FORM);

        long pushed = System.nanoTime();
        Browser.Page waiting = browser.post(send, Browser.fields("idNumber", citizen.idNumber()), portal.redirectUri());
        String shown = LoginPages.text(waiting.body(), NUMBER)
                .orElseThrow(() -> new LoginFailure("no number shown after the push: HTTP " + waiting.status()
                        + (LoginPages.formAction(waiting.body(), SEND_FORM).isPresent() ? ", the first page again (refused)" : "")));
        long push = System.nanoTime() - pushed;
        URI stateUrl = URI.create(LoginPages.attribute(waiting.body(), "data-state-url")
                .orElseThrow(() -> new LoginFailure("no data-state-url on the waiting page")));
        URI answered = waiting.form(WAIT_FORM);

        PagePoll poll = PagePoll.app(browser, stateUrl, waitingBrowsers);
        long asked;
        long decided;
        try {
            sleep(thinkMillis.getAsLong());
            JsonNode challenge = pushFor(citizen, Integer.parseInt(shown));
            asked = System.nanoTime();
            AppClient.Answer decision = app.decide(citizen.phone(), challenge.path("challengeId").asText(),
                    Base64.getUrlDecoder().decode(challenge.path("challenge").asText()), true, Integer.parseInt(shown));
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
        return new Timings(System.nanoTime() - started, push, decided - asked, polled - decided, redirected - decided);
    }

    /** What the phone sees after the push: the citizen's pending challenge offering the browser's number. */
    private JsonNode pushFor(Citizen citizen, int shown) {
        AppClient.Answer pending = app.pending(citizen.phone(), citizen.idNumber());
        if (pending.status() != 200) {
            throw new LoginFailure("pending: HTTP " + pending.status() + " " + pending.body().path("error").asText());
        }
        for (JsonNode challenge : pending.body().path("challenges")) {
            for (JsonNode choice : challenge.path("choices")) {
                if (choice.asInt() == shown) {
                    return challenge;
                }
            }
        }
        throw new LoginFailure("no pending challenge offers the browser's number");
    }

    static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginFailure("interrupted");
        }
    }
}
