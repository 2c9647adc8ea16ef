package vn.dinhdanh.bench.app;

/**
 * Keycloak's cheapest login, measured as the floor under every other kind: a browser that signed in once (a
 * stock-flow password login) asks the relying party's authorization request again, and Keycloak's SSO cookie
 * answers it with the code. One request, no page rendered, no credential checked; the citizen is still read
 * from the registry, its sessions updated in the database and a login event sent, as in any login. The browser
 * keeps its cookies from phase to phase, so the sign-in runs once per worker (in the warm-up when there is one).
 */
final class SsoLogin {

    private final Browser browser = new Browser();
    private final RelyingParty client;
    private final PasswordLogin signIn;
    private boolean signedIn;

    SsoLogin(RelyingParty client) {
        this.client = client;
        this.signIn = new PasswordLogin(browser, client, PasswordLogin.Route.STOCK_FLOW, false);
    }

    /**
     * One login from the SSO cookie, after signing in as one of {@code citizens} the first time.
     *
     * @return the login's duration, nanoseconds (the sign-in's excluded)
     */
    long run(Rotation<PasswordLogin.Citizen> citizens) throws InterruptedException {
        if (!signedIn) {
            citizens.use(signIn::run);
            signedIn = true;
        }
        long started = System.nanoTime();
        RelyingParty.Request request = client.request();
        Browser.Page page = browser.get(request.authorizationUrl(), client.redirectUri());
        if (!page.redirected()) {
            throw new LoginFailure("the SSO cookie did not answer the authorization request: HTTP " + page.status());
        }
        client.code(page.location(), request);
        return System.nanoTime() - started;
    }
}
