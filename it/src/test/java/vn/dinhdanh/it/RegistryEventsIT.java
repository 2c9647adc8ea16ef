package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.dinhdanh.it.support.BackchannelRp;
import vn.dinhdanh.it.support.Browser;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.LogoutListener;
import vn.dinhdanh.it.support.Pairwise;
import vn.dinhdanh.it.support.Passwords;
import vn.dinhdanh.it.support.PublicPortal;
import vn.dinhdanh.it.support.Registry;
import vn.dinhdanh.it.support.SamlLogoutSp;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.population.registry.CitizenRecord;
import vn.dinhdanh.sandbox.app.AppClient;
import vn.dinhdanh.sandbox.app.SandboxPhone;
import vn.dinhdanh.sandbox.postgres.Database;

/**
 * When the registry changes, relying parties learn it from dinhdanh within seconds, through OIDC Back-Channel Logout
 * and SAML back-channel Single Logout, and only for a change that makes the login rule refuse the citizen; an
 * identity-data change logs nobody out. Relying parties are registered by the tests with loopback endpoints.
 */
@ExtendWith(DinhdanhServerExtension.class)
class RegistryEventsIT {

    private static final String ALIVE_ACTIVE = "c.life_status = 'alive' AND NOT c.blocked AND k.status = 'active'";
    private static final Duration NOTICE = Duration.ofSeconds(15);

    private ServerUnderTest server;
    private Registry registry;

    @BeforeEach
    void setUp(ServerUnderTest server) {
        this.server = server;
        this.registry = new Registry(server);
    }

    /** The logout token that reached {@code rp}, validated, for the citizen's session of {@code login}. */
    private JWTClaimsSet logoutTokenFor(BackchannelRp rp, BackchannelRp.Login login, String number, long changedAt) throws Exception {
        LogoutListener.Arrival arrival = rp.logouts().await(NOTICE, "logout token");
        System.out.printf("logout token at the relying party %d ms after the registry change%n",
                TimeUnit.NANOSECONDS.toMillis(arrival.nanoTime() - changedAt));
        JWTClaimsSet claims = rp.validLogoutToken(arrival.parameters().get("logout_token"));
        assertThat(claims.getAudience()).containsExactly(rp.clientId());
        assertThat(claims.getSubject()).as("sub as this relying party saw it (pairwise)")
                .isEqualTo(login.idToken().getSubject()).isEqualTo(Pairwise.atPublicPortal(server, number));
        assertThat(claims.getStringClaim("sid")).isEqualTo(login.idToken().getStringClaim("sid"));
        return claims;
    }

    private void assertSessionEnded(BackchannelRp rp, BackchannelRp.Login login) {
        var refreshed = rp.refresh(login.refreshToken());
        assertThat(refreshed.statusCode()).as("refresh after the session ended").isEqualTo(400);
        assertThat(PublicPortal.json(refreshed).path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    @DisplayName("death: the OIDC relying party gets a valid logout token, the SAML provider a signed LogoutRequest, sessions end")
    void death() throws Exception {
        String number = registry.pick(ALIVE_ACTIVE);
        String password = Passwords.give(server, number);
        try (BackchannelRp rp = new BackchannelRp(server); SamlLogoutSp sp = new SamlLogoutSp(server)) {
            BackchannelRp.Login login = rp.signIn(number, password, "openid");
            SamlLogoutSp.Login samlLogin;
            try (Browser browser = Browser.open("vi")) {
                samlLogin = sp.signIn(browser, () -> browser.signIn(number, password));
            }
            registry.update(number, "UPDATE citizen SET life_status = 'deceased' WHERE id_number = ?");
            long changed = System.nanoTime();
            logoutTokenFor(rp, login, number, changed);
            sp.assertLogoutFor(sp.logouts().await(NOTICE, "SAML LogoutRequest"), samlLogin);
            assertSessionEnded(rp, login);
            assertThat(rp.logouts().next(Duration.ofSeconds(2))).as("one logout token per session and client").isNull();
        }
    }

    @Test
    @DisplayName("blocking: logout token, session ended")
    void blocking() throws Exception {
        String number = registry.pick(ALIVE_ACTIVE);
        String password = Passwords.give(server, number);
        try (BackchannelRp rp = new BackchannelRp(server)) {
            BackchannelRp.Login login = rp.signIn(number, password, "openid");
            registry.update(number, "UPDATE citizen SET blocked = true WHERE id_number = ?");
            logoutTokenFor(rp, login, number, System.nanoTime());
            assertSessionEnded(rp, login);
        }
    }

    @Test
    @DisplayName("card reported lost: logout token, session ended, the citizen's VNeID device removed")
    void cardLost() throws Exception {
        String number = registry.pick(ALIVE_ACTIVE + " AND c.eid_level = 2");
        String password = Passwords.give(server, number);
        AppClient app = new AppClient(server.realmUrl());
        app.enrol(SandboxPhone.create(), number, app.enrolmentCode(server.admin(), number), "Điện thoại");
        String credentials = "/admin/realms/dinhdanh/users/" + Pairwise.citizenUserId(number) + "/credentials";
        assertThat(server.admin().get(credentials).findValuesAsText("type")).contains("vneid-device");
        try (BackchannelRp rp = new BackchannelRp(server)) {
            BackchannelRp.Login login = rp.signIn(number, password, "openid");
            registry.update(number, "UPDATE card SET status = 'lost' WHERE id_number = ? AND status = 'active'");
            logoutTokenFor(rp, login, number, System.nanoTime());
            assertSessionEnded(rp, login);
            assertThat(server.admin().get(credentials).findValuesAsText("type")).as("devices after the card was lost")
                    .doesNotContain("vneid-device");
            assertThat(server.log()).contains("device_removed (in_person binding, card_lost)");
        }
    }

    @Test
    @DisplayName("card replaced: nobody logged out; a level-2 device bound under the old card drops to level 1")
    void cardReplaced() throws Exception {
        String number = registry.pick(ALIVE_ACTIVE + " AND c.eid_level = 2");
        String password = Passwords.give(server, number);
        BoundDevice device = enrolInPerson(number);
        try (BackchannelRp rp = new BackchannelRp(server)) {
            BackchannelRp.Login login = rp.signIn(number, password, "openid");
            // Read after the binding: the new card's issue day ends after it, whenever the test runs.
            registry.replaceCard(number, LocalDate.now(CitizenRecord.CALENDAR));
            registry.awaitFeedProcessed();
            assertThat(bindingOf(device)).as("binding of the device after the card was replaced").isEqualTo("session");
            assertThat(rp.logouts().next(Duration.ofSeconds(2))).as("no logout token for a replaced card").isNull();
            assertThat(rp.refresh(login.refreshToken()).statusCode()).as("the session goes on").isEqualTo(200);
        }
    }

    @Test
    @DisplayName("card replaced before the device was bound (the registry told late): the device keeps level 2")
    void cardReplacedBeforeBinding() throws Exception {
        String number = registry.pick(ALIVE_ACTIVE + " AND c.eid_level = 2");
        // Read before the binding: yesterday in Vietnam ended before it, whenever the test runs.
        LocalDate yesterday = LocalDate.now(CitizenRecord.CALENDAR).minusDays(1);
        BoundDevice device = enrolInPerson(number);
        registry.replaceCard(number, yesterday);
        registry.awaitFeedProcessed();
        assertThat(bindingOf(device)).as("binding of a device bound after the new card was issued").isEqualTo("in_person");
    }

    /** A device bound at level 2 by a police desk's code: its citizen's admin path and its credential. */
    private record BoundDevice(String user, String credentialId) {
    }

    private String bindingOf(BoundDevice device) {
        return server.admin().get(device.user()).path("attributes")
                .path("dinhdanh.device.binding." + device.credentialId()).path(0).asText(null);
    }

    private BoundDevice enrolInPerson(String number) throws Exception {
        AppClient app = new AppClient(server.realmUrl());
        app.enrol(SandboxPhone.create(), number, app.enrolmentCode(server.admin(), number), "Điện thoại");
        String user = "/admin/realms/dinhdanh/users/" + Pairwise.citizenUserId(number);
        String credentialId = server.admin().get(user + "/credentials").findValues("id").stream()
                .filter(id -> server.admin().get(user).path("attributes").has("dinhdanh.device.binding." + id.asText()))
                .findFirst().orElseThrow().asText();
        BoundDevice device = new BoundDevice(user, credentialId);
        assertThat(bindingOf(device)).isEqualTo("in_person");
        return device;
    }

    @Test
    @DisplayName("address change: nobody logged out, the next userinfo and refreshed token carry the new address")
    void addressChange() throws Exception {
        String number = registry.pick(ALIVE_ACTIVE);
        String password = Passwords.give(server, number);
        try (BackchannelRp rp = new BackchannelRp(server)) {
            BackchannelRp.Login login = rp.signIn(number, password, "openid citizen_address");
            String before = PublicPortal.json(rp.userinfo(login.accessToken())).path("address").path("formatted").asText();
            assertThat(before).isNotEmpty();
            String moved = "Số 7, phường Mới, quận Thử, Hà Nội " + System.nanoTime();
            registry.update(number, "UPDATE citizen SET place_of_residence = '" + moved + "' WHERE id_number = ?");
            registry.awaitFeedProcessed();
            assertThat(rp.logouts().next(Duration.ofSeconds(2))).as("no logout token for an address change").isNull();
            var refreshed = rp.refresh(login.refreshToken());
            assertThat(refreshed.statusCode()).as("refresh after an address change").isEqualTo(200);
            String accessToken = PublicPortal.json(refreshed).path("access_token").asText();
            assertThat(PublicPortal.json(rp.userinfo(accessToken)).path("address").path("formatted").asText()).isEqualTo(moved);
            assertThat(PublicPortal.json(rp.userinfo(login.accessToken())).path("address").path("formatted").asText())
                    .as("even the access token issued before the change reads the registry now").isEqualTo(moved);
        }
    }

    @Test
    @DisplayName("relying parties that are down are retried with backoff: once up, the OIDC one gets a fresh, valid logout"
            + " token, the SAML one a signed LogoutRequest")
    void relyingPartyDownThenUp() throws Exception {
        String number = registry.pick(ALIVE_ACTIVE);
        String password = Passwords.give(server, number);
        try (BackchannelRp rp = new BackchannelRp(server); SamlLogoutSp sp = new SamlLogoutSp(server)) {
            BackchannelRp.Login login = rp.signIn(number, password, "openid");
            SamlLogoutSp.Login samlLogin;
            try (Browser browser = Browser.open("vi")) {
                samlLogin = sp.signIn(browser, () -> browser.signIn(number, password));
            }
            rp.logouts().down();
            sp.logouts().down();
            registry.update(number, "UPDATE citizen SET blocked = true WHERE id_number = ?");
            long changed = System.nanoTime();
            awaitRetryKept(clientUuid(rp));
            awaitRetryKept(sp.clientUuid());
            assertSessionEnded(rp, login); // the session ends at once, whether or not the relying party listens
            Thread.sleep(2000);
            rp.logouts().up();
            sp.logouts().up();
            JWTClaimsSet claims = logoutTokenFor(rp, login, number, changed);
            assertThat(claims.getExpirationTime()).as("a retried token is fresh (exp two minutes ahead)").isInTheFuture();
            sp.assertLogoutFor(sp.logouts().await(NOTICE, "retried SAML LogoutRequest"), samlLogin);
            assertThat(count(server.keycloakDatabase(), "SELECT count(*) FROM dd_logout_notice WHERE client_id = '"
                    + clientUuid(rp) + "'")).as("nothing left to retry").isZero();
        }
    }

    @Test
    @DisplayName("a relying party down for good: retried until the window closes, then an admin event says so")
    void relyingPartyDownForGood() throws Exception {
        String number = registry.pick(ALIVE_ACTIVE);
        String password = Passwords.give(server, number);
        try (BackchannelRp rp = new BackchannelRp(server)) {
            rp.signIn(number, password, "openid");
            rp.logouts().down();
            registry.update(number, "UPDATE citizen SET blocked = true WHERE id_number = ?");
            String uuid = clientUuid(rp);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            JsonNode failure = null;
            while (failure == null && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                for (JsonNode event : server.admin().get("/admin/realms/dinhdanh/admin-events?resourceTypes=CLIENT&max=100")) {
                    if (("clients/" + uuid + "/backchannel-logout").equals(event.path("resourcePath").asText())) {
                        failure = event;
                    }
                }
            }
            assertThat(failure).as("admin event for the relying party that never answered").isNotNull();
            assertThat(failure.path("error").asText()).isEqualTo("backchannel_logout_failed");
            assertThat(failure.path("details").path("client_id").asText()).isEqualTo(rp.clientId());
            assertThat(failure.path("details").path("attempts").asInt()).isGreaterThan(2);
            assertThat(failure.toString()).doesNotContain(number);
        }
    }

    @Test
    @DisplayName("the feed's position lives in the database: while another holder keeps it, nothing is sent; released, the notice leaves from it")
    void positionInTheDatabase() throws Exception {
        String number = registry.pick(ALIVE_ACTIVE);
        String password = Passwords.give(server, number);
        Database keycloak = server.keycloakDatabase();
        try (BackchannelRp rp = new BackchannelRp(server);
             Connection holder = DriverManager.getConnection(keycloak.jdbcUrl(), keycloak.username(), keycloak.password())) {
            BackchannelRp.Login login = rp.signIn(number, password, "openid");
            String sessions = "/admin/realms/dinhdanh/users/" + Pairwise.citizenUserId(number) + "/sessions";
            registry.awaitFeedProcessed();
            // Another node took the feed and died before committing: its transaction holds the row.
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.executeQuery("SELECT seq FROM dd_registry_feed FOR UPDATE").close();
            }
            registry.update(number, "UPDATE citizen SET blocked = true WHERE id_number = ?");
            assertThat(rp.logouts().next(Duration.ofSeconds(4))).as("no notice while the feed is held elsewhere").isNull();
            assertThat(server.admin().get(sessions).size()).as("not processed yet: the session is still there").isEqualTo(1);
            holder.rollback(); // the holder is gone: its transaction ends without moving the position
            logoutTokenFor(rp, login, number, System.nanoTime());
            assertThat(server.admin().get(sessions).size()).isZero();
        }
    }

    /** Waits until the outbox holds a notice to {@code clientUuid} that failed at least once (kept for a retry). */
    private void awaitRetryKept(String clientUuid) throws Exception {
        long deadline = System.nanoTime() + NOTICE.toNanos();
        while (count(server.keycloakDatabase(), "SELECT count(*) FROM dd_logout_notice WHERE attempts > 0 AND client_id = '"
                + clientUuid + "'") == 0) {
            assertThat(System.nanoTime()).as("a logout notice kept for a retry within %s", NOTICE).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private String clientUuid(BackchannelRp rp) {
        return server.admin().get("/admin/realms/dinhdanh/clients?clientId=" + rp.clientId()).get(0).path("id").asText();
    }

    private static long count(Database database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
             Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
