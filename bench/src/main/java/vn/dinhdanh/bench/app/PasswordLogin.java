package vn.dinhdanh.bench.app;

/**
 * One password login by a browser, to the redirect with the code. Two routes:
 * <ul>
 *   <li>{@link Route#STOCK_FLOW}: a client whose browser flow is Keycloak's stock {@code browser} flow, so the
 *   username/password form is the first page (dinhdanh's registry-aware form, which replaces Keycloak's by
 *   provider order): authorization request, one form post;</li>
 *   <li>{@link Route#TRY_ANOTHER_WAY}: {@code public-portal} in the realm's flow: the VNeID app page first, "try
 *   another way", the list of methods, "Số định danh cá nhân và mật khẩu", then the form.</li>
 * </ul>
 */
final class PasswordLogin {

    enum Route { STOCK_FLOW, TRY_ANOTHER_WAY }

    /** A citizen with a password (set through the admin API). */
    record Citizen(String idNumber, String password) {
        @Override
        public String toString() {
            return "Citizen[…]";
        }
    }

    private static final String LOGIN_FORM = "kc-form-login";
    private static final String TRY_ANOTHER_WAY = "kc-select-try-another-way-form";

    private final Browser browser;
    private final RelyingParty client;
    private final Route route;
    private final boolean exchangeCode;

    PasswordLogin(RelyingParty client, Route route, boolean exchangeCode) {
        this(new Browser(), client, route, exchangeCode);
    }

    /** A login in {@code browser}, whose cookie jar keeps Keycloak's session cookies afterwards. */
    PasswordLogin(Browser browser, RelyingParty client, Route route, boolean exchangeCode) {
        this.browser = browser;
        this.client = client;
        this.route = route;
        this.exchangeCode = exchangeCode;
    }

    /** @return the login's duration, nanoseconds */
    long run(Citizen citizen) {
        long started = System.nanoTime();
        browser.forget();
        RelyingParty.Request request = client.request();
        Browser.Page page = browser.get(request.authorizationUrl(), client.redirectUri());
        if (route == Route.TRY_ANOTHER_WAY) {
            page = browser.post(page.form(TRY_ANOTHER_WAY), Browser.fields("tryAnotherWay", "on"), client.redirectUri());
            Browser.Page list = page;
            LoginPages.Choice password = LoginPages.choice(list.body(), LoginPages.PASSWORD_METHOD)
                    .orElseThrow(() -> new LoginFailure("the list of login methods (HTTP " + list.status() + ") has no password login"));
            page = browser.post(list.uri().resolve(password.action()), Browser.fields("authenticationExecution", password.execution()),
                    client.redirectUri());
        }
        Browser.Page done = browser.post(page.form(LOGIN_FORM),
                Browser.fields("username", citizen.idNumber(), "password", citizen.password(), "credentialId", ""), client.redirectUri());
        if (!done.redirected()) {
            throw new LoginFailure("the password form answered HTTP " + done.status() + ", not the redirect");
        }
        String code = client.code(done.location(), request);
        if (exchangeCode) {
            client.exchange(browser, code, request);
        }
        return System.nanoTime() - started;
    }
}
