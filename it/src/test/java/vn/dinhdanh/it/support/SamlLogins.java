package vn.dinhdanh.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import vn.dinhdanh.it.support.LoopbackReceiver.Arrival;
import vn.dinhdanh.it.support.SamlServiceProvider.Sent;

/** The browser's part of SAML logins at {@code legacy-portal}: a citizen with a password, the Response posted to the ACS. */
public final class SamlLogins {

    public static final String CLIENTS = "/admin/realms/dinhdanh/clients";

    /** A citizen of the registry who may log in, with a password in Keycloak's federated storage. */
    public record Login(String number, String password) {
    }

    private final ServerUnderTest server;

    public SamlLogins(ServerUnderTest server) {
        this.server = server;
    }

    public Login withPassword(String number) {
        return new Login(number, Passwords.give(server, number));
    }

    /** A fresh browser takes the AuthnRequest to dinhdanh, the citizen logs in with the password, the form posts the Response. */
    public String signIn(Sent sent, Login login) {
        try (Browser browser = Browser.open("vi")) {
            return postedAfter(browser, sent, () -> browser.signIn(login.number(), login.password()));
        }
    }

    /** An AuthnRequest that dinhdanh answers at once (no login page): the error Response the browser posts. */
    public String answeredAtOnce(Sent sent) {
        try (Browser browser = Browser.open("vi")) {
            return postedAfter(browser, sent, () -> { });
        }
    }

    /** The next Response posted to legacy-portal's ACS once {@code steps} have run in {@code browser} (which may hold a session). */
    public String postedAfter(Browser browser, Sent sent, Runnable steps) {
        try (LoopbackReceiver acs = new LoopbackReceiver(server.relyingParties().legacyPortalPort())) {
            browser.open(sent.url());
            steps.run();
            try {
                return posted(awaitConsenting(browser, acs));
            } catch (AssertionError e) {
                // Where the browser stopped instead (a page asking something, an error): what a rerun cannot show.
                throw new AssertionError(e.getMessage() + "; the browser is at " + browser.driver().getCurrentUrl()
                        + " showing: " + browser.text(), e);
            }
        }
    }

    /**
     * Waits (30 s) for the browser to reach the SP, agreeing on the way if dinhdanh asks for consent: the realm's
     * consent policy shows legacy-portal's consent page at a citizen's first login there.
     */
    public static Arrival awaitConsenting(Browser browser, LoopbackReceiver acs) {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            try {
                if (browser.onConsentPage()) {
                    browser.driver().findElement(org.openqa.selenium.By.id("kc-login")).click();
                }
            } catch (org.openqa.selenium.WebDriverException navigating) {
                // the page changed while being looked at: look again
            }
            try {
                return acs.await(Duration.ofMillis(500));
            } catch (AssertionError notYet) {
                // not there yet
            }
        }
        return acs.await(Duration.ofMillis(1));
    }

    /** The base64 SAMLResponse of an HTTP-POST binding arrival, with the request's RelayState. */
    public static String posted(Arrival arrival) {
        assertThat(arrival.method()).isEqualTo("POST");
        assertThat(arrival.path()).isEqualTo("/saml/acs");
        assertThat(arrival.parameters()).containsEntry("RelayState", "it").containsKey("SAMLResponse");
        return arrival.parameters().get("SAMLResponse");
    }

    /** Sets (or, with null, removes) one attribute of the legacy-portal client; returns the previous value. */
    public String setClientAttribute(String name, String value) {
        String id = server.admin().get(CLIENTS + "?clientId=legacy-portal").get(0).path("id").asText();
        ObjectNode client = (ObjectNode) server.admin().get(CLIENTS + "/" + id);
        ObjectNode attributes = (ObjectNode) client.path("attributes");
        String previous = attributes.hasNonNull(name) ? attributes.get(name).asText() : null;
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
        assertThat(server.admin().put(CLIENTS + "/" + id, client)).isEqualTo(204);
        return previous;
    }
}
