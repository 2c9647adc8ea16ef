package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import vn.dinhdanh.it.support.Passwords;
import vn.dinhdanh.it.support.Browser;
import vn.dinhdanh.it.support.ChipReader;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.LegacyPortal;
import vn.dinhdanh.it.support.LoopbackReceiver;
import vn.dinhdanh.it.support.PublicPortal;
import vn.dinhdanh.it.support.Registry;
import vn.dinhdanh.it.support.SamlResponseVerifier;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.sandbox.SandboxSecrets;
import vn.dinhdanh.sandbox.postgres.Database;
import vn.dinhdanh.tracker.chain.ChainKey;
import vn.dinhdanh.tracker.chain.JdbcChain;
import vn.dinhdanh.tracker.chain.Verification;
import vn.dinhdanh.virtualchip.ActiveAuthKey;
import vn.dinhdanh.virtualchip.CardHolder;
import vn.dinhdanh.virtualchip.Variant;

/**
 * The data tracker end to end: a citizen's code-flow login through public-portal (tokens, userinfo, refresh) and a
 * SAML login through legacy-portal are recorded with the relying party, the items actually released, the level and
 * the method; the citizen reads them on the page of ours; an operator exports them; and editing, deleting or
 * inserting rows directly in PostgreSQL is named by the verifier, the admin endpoint and {@code ./dinhdanh audit verify}.
 */
@ExtendWith(DinhdanhServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DataTrackerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Claims about the token, not the citizen: what the tracker does not count as items (ReleasedItems). */
    private static final Set<String> PROTOCOL_CLAIMS = Set.of("iss", "aud", "exp", "iat", "nbf", "jti", "typ", "azp", "sid",
            "session_state", "nonce", "at_hash", "c_hash", "s_hash", "auth_time", "acr", "amr", "scope", "allowed-origins",
            "realm_access", "resource_access", "cnf", "trusted-certs", "authorization", "client_id", "state_checker");

    private static final java.util.Map<String, String> CHANNELS_VI = java.util.Map.of("token", "Mã thông báo đăng nhập (OIDC)",
            "refresh", "Làm mới phiên (OIDC)", "userinfo", "Truy vấn thông tin người dùng (OIDC)", "saml_assertion", "Xác nhận đăng nhập (SAML)");

    private ServerUnderTest server;
    private String number;
    private String password;
    private String subject;
    private JsonNode idToken;
    private JsonNode accessToken;
    private JsonNode userinfo;
    private SamlResponseVerifier.Verified assertion;
    private String refreshToken;

    @BeforeAll
    void releaseSomeData(ServerUnderTest server) throws Exception {
        this.server = server;
        Registry registry = new Registry(server);
        number = registry.pick(Registry.ALIVE + " AND c.eid_level = 2");
        password = Passwords.give(server, number);
        String realmId = server.admin().get("/admin/realms/dinhdanh").path("id").asText();
        subject = ChainKey.of(server.trackerKey()).pseudonym(realmId, "f:population-registry:" + number);

        // OIDC: code flow with PKCE, then userinfo, then a refresh.
        PublicPortal portal = new PublicPortal(server);
        PublicPortal.Request request = PublicPortal.Request.fresh();
        String code;
        try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
             Browser browser = Browser.open("vi")) {
            browser.open(portal.authorizationUrl(request));
            browser.signIn(number, password);
            code = callback.await(Duration.ofSeconds(30)).parameters().get("code");
        }
        HttpResponse<String> exchanged = portal.exchange(code, request.codeVerifier());
        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
        JsonNode tokens = PublicPortal.json(exchanged);
        idToken = payload(tokens.path("id_token").asText());
        accessToken = payload(tokens.path("access_token").asText());
        HttpResponse<String> info = send(HttpRequest.newBuilder(URI.create(server.realmUrl() + "/protocol/openid-connect/userinfo"))
                .header("Authorization", "Bearer " + tokens.path("access_token").asText()).build());
        assertThat(info.statusCode()).as(info.body()).isEqualTo(200);
        userinfo = JSON.readTree(info.body());
        refreshToken = tokens.path("refresh_token").asText();
        HttpResponse<String> refreshed = portal.refresh(refreshToken);
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        refreshToken = PublicPortal.json(refreshed).path("refresh_token").asText(); // refresh tokens rotate: the latest

        // SAML: an assertion to legacy-portal.
        LegacyPortal legacy = new LegacyPortal(server);
        String requestId = LegacyPortal.newRequestId();
        byte[] response;
        try (LoopbackReceiver acs = new LoopbackReceiver(server.relyingParties().legacyPortalPort());
             Browser browser = Browser.open("vi")) {
            browser.open(legacy.authnRequestUrl(requestId, LegacyPortal.ENTITY_ID));
            browser.signIn(number, password);
            response = Base64.getMimeDecoder().decode(acs.await(Duration.ofSeconds(30)).parameters().get("SAMLResponse"));
        }
        assertion = SamlResponseVerifier.verify(response, legacy.expectations(requestId));
    }

    // --- what is recorded ----------------------------------------------------------------------------------------

    record Row(long seq, String client, String channel, Set<String> items, String loa, String acr, String method) {
    }

    private List<Row> rowsOfCitizen() {
        List<Row> rows = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement(
                "SELECT seq, client_id, channel, items, loa, acr, method FROM dd_data_release WHERE subject = ? ORDER BY seq")) {
            q.setString(1, subject);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), new TreeSet<>(List.of(rs.getString(4).split(","))),
                            rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    private Row only(String client, String channel) {
        List<Row> found = rowsOfCitizen().stream().filter(r -> r.client().equals(client) && r.channel().equals(channel)).toList();
        assertThat(found).as("rows of %s / %s", client, channel).hasSize(1);
        return found.get(0);
    }

    private Row first(String client, String channel) {
        return rowsOfCitizen().stream().filter(r -> r.client().equals(client) && r.channel().equals(channel)).findFirst().orElseThrow();
    }

    private static Set<String> itemsOf(JsonNode... released) {
        Set<String> items = new TreeSet<>();
        for (JsonNode node : released) {
            node.fieldNames().forEachRemaining(name -> {
                if (!PROTOCOL_CLAIMS.contains(name) && !node.get(name).isNull()) {
                    items.add(name);
                }
            });
        }
        return items;
    }

    @Test
    @Order(1)
    @DisplayName("the code exchange is one 'token' row: public-portal, the claims of the ID and access tokens, the level and method")
    void tokenRow() {
        Row token = only(PublicPortal.CLIENT_ID, "token");
        assertThat(token.items()).isEqualTo(itemsOf(idToken, accessToken)).contains("sub").doesNotContain("iss", "exp", "nonce");
        assertThat(token.acr()).isEqualTo(idToken.path("acr").asText());
        assertThat(token.loa()).as("Keycloak's level for a password login").isEqualTo("1");
        assertThat(token.method()).isEqualTo("password");
    }

    @Test
    @Order(2)
    @DisplayName("userinfo and refresh are rows of their own, with what each answer carried")
    void userinfoAndRefreshRows() {
        Row info = only(PublicPortal.CLIENT_ID, "userinfo");
        assertThat(info.items()).isEqualTo(itemsOf(userinfo)).contains("sub");
        assertThat(info.method()).isEqualTo("password");
        Row refresh = only(PublicPortal.CLIENT_ID, "refresh");
        assertThat(refresh.items()).contains("sub");
        assertThat(refresh.loa()).isEqualTo("1");
    }

    @Test
    @Order(3)
    @DisplayName("the SAML login is a 'saml_assertion' row: legacy-portal, NameID and the attributes in the assertion, its AuthnContextClassRef")
    void samlRow() {
        Row saml = only(LegacyPortal.ENTITY_ID, "saml_assertion");
        Set<String> expected = new TreeSet<>(assertion.attributes().keySet());
        expected.remove("Role");
        expected.add("NameID");
        assertThat(saml.items()).isEqualTo(expected);
        assertThat(saml.acr()).isEqualTo(assertion.authnContextClassRef());
        assertThat(saml.method()).isEqualTo("password");
    }

    @Test
    @Order(4)
    @DisplayName("rows name the citizen by pseudonym only; no ID number in the table or the server log")
    void noIdNumber() throws SQLException {
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement(
                "SELECT count(*) FROM dd_data_release WHERE subject LIKE ? OR items LIKE ? OR client_id LIKE ?")) {
            for (int i = 1; i <= 3; i++) {
                q.setString(i, "%" + number + "%");
            }
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
        assertThat(subject).hasSize(32).doesNotContain(number);
        assertThat(server.log()).doesNotContain(number);
    }

    @Test
    @Order(5)
    @DisplayName("24 userinfo releases at once: 24 rows, one unforked chain (appends serialised on the head row)")
    void concurrentReleases() throws Exception {
        // Refresh tokens rotate (the realm revokes a used one): one refresh for a fresh access token, then 24 releases
        // at once through userinfo.
        HttpResponse<String> refreshed = new PublicPortal(server).refresh(refreshToken);
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        refreshToken = PublicPortal.json(refreshed).path("refresh_token").asText();
        String access = PublicPortal.json(refreshed).path("access_token").asText();
        long before = rowsOfCitizen().stream().filter(r -> r.channel().equals("userinfo")).count();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                statuses.add(pool.submit(() -> send(HttpRequest.newBuilder(URI.create(server.realmUrl() + "/protocol/openid-connect/userinfo"))
                        .header("Authorization", "Bearer " + access).build()).statusCode()));
            }
            for (java.util.concurrent.Future<Integer> status : statuses) {
                assertThat(status.get(60, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(rowsOfCitizen().stream().filter(r -> r.channel().equals("userinfo")).count()).isEqualTo(before + 24);
        try (Connection c = connect()) {
            Verification result = JdbcChain.verify(c, ChainKey.of(server.trackerKey()), 0, null);
            assertThat(result.intact()).as(result.summary()).isTrue();
            assertThat(result.rows()).isEqualTo(Long.parseLong(scalar("SELECT count(*) FROM dd_data_release")));
        }
    }

    @Test
    @Order(6)
    @DisplayName("a CIBA approval in the app is a 'ciba_token' row: bank-call-centre, the tokens' claims, method app")
    void cibaRow() throws Exception {
        vn.dinhdanh.sandbox.app.AppClient app = new vn.dinhdanh.sandbox.app.AppClient(server.realmUrl());
        vn.dinhdanh.it.support.Citizen citizen = vn.dinhdanh.it.support.Citizen.withPhone(server, new Registry(server), app);
        String secret = server.relyingParties().bankCallCentreSecret();
        JsonNode asked = JSON.readTree(postForm("/protocol/openid-connect/ext/ciba/auth", "bank-call-centre", secret,
                "scope=openid&login_hint=" + citizen.number() + "&binding_message=VCB-1").body());
        String authReqId = asked.path("auth_req_id").asText();
        assertThat(authReqId).as(asked.toString()).isNotEmpty();
        assertThat(app.decide(citizen.phone(), citizen.onlyPending(app), true, 0).body().path("decision").asText()).isEqualTo("approved");
        Thread.sleep(2_100); // the realm's polling interval
        HttpResponse<String> tokens = postForm("/protocol/openid-connect/token", "bank-call-centre", secret,
                "grant_type=urn:openid:params:grant-type:ciba&auth_req_id=" + authReqId);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(tokens.body());
        Set<String> expected = itemsOf(payload(body.path("id_token").asText()), payload(body.path("access_token").asText()));

        String realmId = server.admin().get("/admin/realms/dinhdanh").path("id").asText();
        String cibaSubject = ChainKey.of(server.trackerKey()).pseudonym(realmId, "f:population-registry:" + citizen.number());
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement(
                "SELECT client_id, channel, items, method, acr FROM dd_data_release WHERE subject = ?")) {
            q.setString(1, cibaSubject);
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).as("a row for the citizen who approved").isTrue();
                assertThat(rs.getString(1)).isEqualTo("bank-call-centre");
                assertThat(rs.getString(2)).isEqualTo("ciba_token");
                assertThat(new TreeSet<>(List.of(rs.getString(3).split(",")))).isEqualTo(expected);
                assertThat(rs.getString(4)).isEqualTo("app");
                assertThat(rs.next()).as("one row: the enrolment and the approval released nothing").isFalse();
            }
        }
    }

    @Test
    @Order(7)
    @DisplayName("a chip eKYC answer to a bank is an 'ekyc_answer' row: bank-ekyc, the person block's fields, method chip")
    void ekycRow() throws Exception {
        ChipReader reader = new ChipReader(server);
        CardHolder holder = reader.holder(new Registry(server).pick(ChipVerificationIT.HOLDER));
        ChipReader.Answer answer = reader.verify(reader.request(reader.chip(holder, Variant.GENUINE, ActiveAuthKey.RSA_SHA256),
                reader.challenge()).toString(), "application/json", reader.bankToken());
        assertThat(answer.status()).isEqualTo(200);
        Set<String> expected = new TreeSet<>();
        answer.body().get("person").fields().forEachRemaining(field -> {
            if (field.getValue().isObject()) {
                field.getValue().fields().forEachRemaining(inner -> {
                    if (!inner.getValue().isNull()) {
                        expected.add(field.getKey() + "." + inner.getKey());
                    }
                });
            } else if (!field.getValue().isNull()) {
                expected.add(field.getKey());
            }
        });
        String realmId = server.admin().get("/admin/realms/dinhdanh").path("id").asText();
        String holderSubject = ChainKey.of(server.trackerKey()).pseudonym(realmId, "f:population-registry:" + holder.idNumber());
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement(
                "SELECT client_id, channel, items, method FROM dd_data_release WHERE subject = ?")) {
            q.setString(1, holderSubject);
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).as("a row for the card holder").isTrue();
                assertThat(rs.getString(1)).isEqualTo("bank-ekyc");
                assertThat(rs.getString(2)).isEqualTo("ekyc_answer");
                assertThat(new TreeSet<>(List.of(rs.getString(3).split(",")))).isEqualTo(expected).contains("idNumber", "card.number");
                assertThat(rs.getString(4)).isEqualTo("chip");
                assertThat(rs.next()).isFalse();
            }
        }
        assertThat(server.log()).doesNotContain(holder.idNumber());
    }

    // --- the citizen's page ---------------------------------------------------------------------------------------

    @Test
    @Order(8)
    @DisplayName("the citizen logs in to /data-tracker and reads, in Vietnamese, who received what, newest first")
    void citizenPage() {
        int before = rowsOfCitizen().size();
        try (Browser browser = Browser.open("vi")) {
            browser.open(URI.create(server.realmUrl() + "/data-tracker/"));
            browser.signIn(number, password);
            browser.waitFor(By.id("dinhdanh-tracker-releases"));
            assertThat(browser.driver().getCurrentUrl()).doesNotContain("code=");
            String page = browser.text();
            assertThat(page).contains("Ai đã nhận dữ liệu của tôi", "Cổng dịch vụ công", "Mã định danh riêng cho dịch vụ",
                    "Truy vấn thông tin người dùng (OIDC)", "Số định danh và mật khẩu", "Trang 1").doesNotContain(number);
            List<Row> all = rowsOfCitizen();
            assertThat(all).as("more than a page").hasSizeGreaterThan(20);
            List<org.openqa.selenium.WebElement> lines = browser.driver().findElements(By.cssSelector("tr.dinhdanh-tracker-release"));
            assertThat(lines).hasSize(20);
            assertThat(page).contains("Tổng cộng " + all.size() + " lần cung cấp dữ liệu.");
            assertThat(lines.get(0).getText()).as("newest first").contains(CHANNELS_VI.get(all.get(all.size() - 1).channel()));
            browser.driver().findElement(By.id("dinhdanh-tracker-next")).click();
            browser.waitFor(By.id("dinhdanh-tracker-previous"));
            List<org.openqa.selenium.WebElement> second = browser.driver().findElements(By.cssSelector("tr.dinhdanh-tracker-release"));
            assertThat(second).hasSize(Math.min(20, all.size() - 20));
            assertThat(browser.text()).contains("Trang 2", "Cổng cũ dùng SAML", "Xác nhận đăng nhập (SAML)",
                    "Làm mới phiên (OIDC)").doesNotContain(number);
            if (all.size() <= 40) {
                assertThat(second.get(second.size() - 1).getText()).as("oldest last: the tokens").contains("Mã thông báo đăng nhập (OIDC)");
            }

            browser.open(URI.create(server.realmUrl() + "/data-tracker/?page=abc"));
            assertThat(browser.text()).contains("Số trang không hợp lệ.");
        }
        assertThat(rowsOfCitizen()).as("reading the page releases nothing").hasSize(before);
    }

    // --- the operators' export -------------------------------------------------------------------------------------

    @Nested
    @DisplayName("export")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Export {

        private HttpResponse<String> export(String query, String token) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/admin/realms/dinhdanh/data-releases" + query));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return send(request.build());
        }

        @Test
        @DisplayName("an admin exports one citizen's releases by ID number (JSON, CSV); the export is an admin event without the number")
        void byIdNumber() throws Exception {
            String admin = adminToken();
            HttpResponse<String> json = export("?idNumber=" + number, admin);
            assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(json.body());
            assertThat(body.path("count").asInt()).isEqualTo(rowsOfCitizen().size());
            List<String> channels = new ArrayList<>();
            body.path("releases").forEach(r -> channels.add(r.path("channel").asText()));
            assertThat(channels).contains("token", "userinfo", "refresh", "saml_assertion");
            assertThat(body.path("releases").get(0).path("subject").asText()).isEqualTo(subject);

            HttpResponse<String> csv = export("?idNumber=" + number + "&format=csv", admin);
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
            assertThat(csv.body().lines().toList()).first().isEqualTo("row,time,client,subject,channel,items,loa,acr,method,row_hash");
            assertThat(csv.body().lines().count()).isEqualTo(1 + rowsOfCitizen().size());

            HttpResponse<String> range = export("?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&max=2", admin);
            assertThat(JSON.readTree(range.body()).path("count").asInt()).isEqualTo(2);

            List<JsonNode> exports = new ArrayList<>();
            server.admin().get("/admin/realms/dinhdanh/admin-events?max=500").forEach(e -> {
                if ("DATA_RELEASES".equals(e.path("resourceType").asText())) {
                    exports.add(e);
                }
            });
            assertThat(exports).hasSizeGreaterThanOrEqualTo(3);
            assertThat(exports.toString()).doesNotContain(number).contains("data-releases/export", "ACTION");
        }

        @Test
        @DisplayName("bad input is a JSON invalid_request; no token 401; a citizen's own token 403")
        void refusals() throws Exception {
            String admin = adminToken();
            for (String query : List.of("?idNumber=12345", "?from=yesterday", "?format=xml", "?max=0",
                    "?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")) {
                HttpResponse<String> response = export(query, admin);
                assertThat(response.statusCode()).as(query).isEqualTo(400);
                assertThat(JSON.readTree(response.body()).path("error").asText()).as(query).isEqualTo("invalid_request");
            }
            assertThat(export("?idNumber=" + number, null).statusCode()).isEqualTo(401);
            assertThat(export("/verify", null).statusCode()).isEqualTo(401);
            String citizenToken = citizenAccessToken();
            assertThat(export("?idNumber=" + number, citizenToken).statusCode()).isEqualTo(403);
            assertThat(export("/verify", citizenToken).statusCode()).isEqualTo(403);
        }
    }

    // --- tampering -----------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("tampering in PostgreSQL is named by the verifier, the admin endpoint and ./dinhdanh audit verify")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Tampering {

        @Test
        @DisplayName("intact: every check passes")
        void intact() throws Exception {
            assertIntact();
            Cli cli = cli();
            assertThat(cli.exit()).as(cli.err()).isZero();
            assertThat(cli.out()).contains("intact");
        }

        @Test
        @DisplayName("an edited row: first bad row named (row_edited), exit 1; restored, intact again")
        void editedRow() throws Exception {
            long seq = first(PublicPortal.CLIENT_ID, "userinfo").seq();
            String original = scalar("SELECT items FROM dd_data_release WHERE seq = " + seq);
            // A change whatever the row held (a userinfo answer may be just "sub"): as if the number had not been released.
            execute("UPDATE dd_data_release SET items = items || ',id_number' WHERE seq = " + seq);
            try {
                assertBroken(seq, "row_edited");
                Cli cli = cli();
                assertThat(cli.exit()).isEqualTo(1);
                assertThat(cli.err()).contains("BROKEN at row " + seq, "row_edited");
            } finally {
                execute("UPDATE dd_data_release SET items = '" + original + "' WHERE seq = " + seq);
            }
            assertIntact();
        }

        @Test
        @DisplayName("a deleted row: the gap named (row_deleted); put back, intact again")
        void deletedRow() throws Exception {
            long seq = first(PublicPortal.CLIENT_ID, "token").seq();
            saved = savedRow(seq);
            execute("DELETE FROM dd_data_release WHERE seq = " + seq);
            try {
                assertBroken(seq, "row_deleted");
            } finally {
                insertSaved();
            }
            assertIntact();
        }

        @Test
        @DisplayName("a row inserted after the last: named (row_inserted); removed, intact again")
        void insertedRow() throws Exception {
            long head = Long.parseLong(scalar("SELECT seq FROM dd_data_release_head"));
            String headHash = scalar("SELECT row_hash FROM dd_data_release_head");
            execute("INSERT INTO dd_data_release (seq, released_at, realm_id, client_id, subject, channel, items, loa, acr, method, prev_hash, row_hash)"
                    + " VALUES (" + (head + 1) + ", 0, 'x', 'bank-online', '" + subject + "', 'token', 'sub', '2', null, 'chip', '"
                    + headHash + "', '" + "ab".repeat(32) + "')");
            try {
                assertBroken(head + 1, "row_inserted");
            } finally {
                execute("DELETE FROM dd_data_release WHERE seq = " + (head + 1));
            }
            assertIntact();
        }

        @Test
        @DisplayName("the last row deleted: named (tail_deleted) thanks to the head; put back, intact again")
        void tailDeleted() throws Exception {
            long head = Long.parseLong(scalar("SELECT seq FROM dd_data_release_head"));
            saved = savedRow(head);
            execute("DELETE FROM dd_data_release WHERE seq = " + head);
            try {
                assertBroken(head, "tail_deleted");
            } finally {
                insertSaved();
            }
            assertIntact();
        }

        private List<String> saved;

        private List<String> savedRow(long seq) throws SQLException {
            List<String> values = new ArrayList<>();
            try (Connection c = connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT seq, released_at, realm_id, client_id, subject, channel, items, loa, acr, method,"
                         + " prev_hash, row_hash FROM dd_data_release WHERE seq = " + seq)) {
                assertThat(rs.next()).isTrue();
                for (int i = 1; i <= 12; i++) {
                    values.add(rs.getString(i));
                }
            }
            return values;
        }

        private void insertSaved() {
            try (Connection c = connect(); PreparedStatement insert = c.prepareStatement("INSERT INTO dd_data_release (seq, released_at,"
                    + " realm_id, client_id, subject, channel, items, loa, acr, method, prev_hash, row_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, Long.parseLong(saved.get(0)));
                insert.setLong(2, Long.parseLong(saved.get(1)));
                for (int i = 2; i < 12; i++) {
                    insert.setString(i + 1, saved.get(i));
                }
                insert.execute();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        private void assertBroken(long seq, String kind) throws Exception {
            try (Connection c = connect()) {
                Verification result = JdbcChain.verify(c, ChainKey.of(server.trackerKey()), 0, null);
                assertThat(result.intact()).isFalse();
                assertThat(result.firstProblem().orElseThrow().seq()).as(result.summary()).isEqualTo(seq);
                assertThat(result.firstProblem().orElseThrow().kind().code()).isEqualTo(kind);
            }
            HttpResponse<String> verify = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/admin/realms/dinhdanh/data-releases/verify"))
                    .header("Authorization", "Bearer " + adminToken()).build());
            assertThat(verify.statusCode()).as(verify.body()).isEqualTo(409);
            JsonNode body = JSON.readTree(verify.body());
            assertThat(body.path("intact").asBoolean()).isFalse();
            assertThat(body.path("problem").path("row").asLong()).isEqualTo(seq);
            assertThat(body.path("problem").path("kind").asText()).isEqualTo(kind);
        }

        private void assertIntact() throws Exception {
            try (Connection c = connect()) {
                Verification result = JdbcChain.verify(c, ChainKey.of(server.trackerKey()), 0, null);
                assertThat(result.intact()).as(result.summary()).isTrue();
                assertThat(result.rows()).isGreaterThanOrEqualTo(rowsOfCitizen().size());
            }
            HttpResponse<String> verify = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/admin/realms/dinhdanh/data-releases/verify"))
                    .header("Authorization", "Bearer " + adminToken()).build());
            assertThat(verify.statusCode()).as(verify.body()).isEqualTo(200);
            assertThat(JSON.readTree(verify.body()).path("intact").asBoolean()).isTrue();
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    record Cli(int exit, String out, String err) {
    }

    /** {@code ./dinhdanh audit verify} as a process: its exit code is what operators' scripts see. */
    private Cli cli() throws IOException, InterruptedException {
        Database db = server.keycloakDatabase();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("dinhdanh.sandbox.classpath"),
                "vn.dinhdanh.sandbox.DinhdanhCommand", "audit", "verify", "--db-url", db.jdbcUrl(), "--db-user", db.username());
        builder.environment().put(SandboxSecrets.TRACKER_KEY, server.trackerKey());
        builder.environment().put("KC_DB_PASSWORD", db.password());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Cli(process.exitValue(), out, err);
    }

    private String adminToken() throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin&password="
                        + java.net.URLEncoder.encode(server.adminPassword(), StandardCharsets.UTF_8))).build());
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    /** A fresh login's access token of public-portal: valid in the realm, no admin role. */
    private String citizenAccessToken() throws Exception {
        PublicPortal portal = new PublicPortal(server);
        PublicPortal.Request request = PublicPortal.Request.fresh();
        String code;
        try (LoopbackReceiver callback = new LoopbackReceiver(server.relyingParties().publicPortalPort());
             Browser browser = Browser.open("vi")) {
            browser.open(portal.authorizationUrl(request));
            browser.signIn(number, password);
            code = callback.await(Duration.ofSeconds(30)).parameters().get("code");
        }
        return PublicPortal.json(portal.exchange(code, request.codeVerifier())).path("access_token").asText();
    }

    private Connection connect() throws SQLException {
        Database db = server.keycloakDatabase();
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private String scalar(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private HttpResponse<String> postForm(String path, String clientId, String secret, String form) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(server.realmUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private static JsonNode payload(String jwt) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
