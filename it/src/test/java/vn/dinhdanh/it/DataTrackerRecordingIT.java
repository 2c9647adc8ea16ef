package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.dinhdanh.it.support.ChipReader;
import vn.dinhdanh.it.support.Citizen;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.LegacyPortal;
import vn.dinhdanh.it.support.PublicPortal;
import vn.dinhdanh.it.support.Registry;
import vn.dinhdanh.it.support.SamlResponseVerifier;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.it.support.TrackedCitizen;
import vn.dinhdanh.it.support.TrackerTables;
import vn.dinhdanh.it.support.TrackerTables.Row;
import vn.dinhdanh.sandbox.LocalHttp;
import vn.dinhdanh.sandbox.app.AppClient;
import vn.dinhdanh.tracker.chain.Verification;
import vn.dinhdanh.virtualchip.ActiveAuthKey;
import vn.dinhdanh.virtualchip.CardHolder;
import vn.dinhdanh.virtualchip.Variant;

/**
 * What the data tracker records: each release (code flow, userinfo, refresh, SAML, CIBA, chip eKYC) is one row
 * with the relying party, the items actually released, the level and the method. Every test releases its own
 * citizen's data and reads only that citizen's rows.
 */
@ExtendWith(DinhdanhServerExtension.class)
class DataTrackerRecordingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Claims about the token, not the citizen: what the tracker does not count as items (ReleasedItems). */
    private static final Set<String> PROTOCOL_CLAIMS = Set.of("iss", "aud", "exp", "iat", "nbf", "jti", "typ", "azp", "sid",
            "session_state", "nonce", "at_hash", "c_hash", "s_hash", "auth_time", "acr", "amr", "scope", "allowed-origins",
            "realm_access", "resource_access", "cnf", "trusted-certs", "authorization", "client_id", "state_checker");

    private static Row only(TrackedCitizen citizen, String client, String channel) {
        List<Row> found = citizen.rows().stream().filter(r -> r.client().equals(client) && r.channel().equals(channel)).toList();
        assertThat(found).as("rows of %s / %s", client, channel).hasSize(1);
        return found.get(0);
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
    @DisplayName("the code exchange is one 'token' row: public-portal, the claims of the ID and access tokens, the level and method")
    void tokenRow(ServerUnderTest server) {
        TrackedCitizen citizen = TrackedCitizen.fresh(server);
        TrackedCitizen.Tokens tokens = citizen.codeFlow();
        Row token = only(citizen, PublicPortal.CLIENT_ID, "token");
        assertThat(token.items()).isEqualTo(itemsOf(tokens.idToken(), tokens.accessToken())).contains("sub").doesNotContain("iss", "exp", "nonce");
        assertThat(token.acr()).isEqualTo(tokens.idToken().path("acr").asText());
        assertThat(token.loa()).as("Keycloak's level for a password login").isEqualTo("1");
        assertThat(token.method()).isEqualTo("password");
    }

    @Test
    @DisplayName("userinfo and refresh are rows of their own, with what each answer carried")
    void userinfoAndRefreshRows(ServerUnderTest server) {
        TrackedCitizen citizen = TrackedCitizen.fresh(server);
        TrackedCitizen.Tokens tokens = citizen.codeFlow();
        JsonNode userinfo = citizen.userinfo(tokens);
        citizen.refreshed(tokens, 1);
        Row info = only(citizen, PublicPortal.CLIENT_ID, "userinfo");
        assertThat(info.items()).isEqualTo(itemsOf(userinfo)).contains("sub");
        assertThat(info.method()).isEqualTo("password");
        Row refresh = only(citizen, PublicPortal.CLIENT_ID, "refresh");
        assertThat(refresh.items()).contains("sub");
        assertThat(refresh.loa()).isEqualTo("1");
    }

    @Test
    @DisplayName("the SAML login is a 'saml_assertion' row: legacy-portal, NameID and the attributes in the assertion, its AuthnContextClassRef")
    void samlRow(ServerUnderTest server) throws Exception {
        TrackedCitizen citizen = TrackedCitizen.fresh(server);
        SamlResponseVerifier.Verified assertion = citizen.samlLogin();
        Row saml = only(citizen, LegacyPortal.ENTITY_ID, "saml_assertion");
        Set<String> expected = new TreeSet<>(assertion.attributes().keySet());
        expected.remove("Role");
        expected.add("NameID");
        assertThat(saml.items()).isEqualTo(expected);
        assertThat(saml.acr()).isEqualTo(assertion.authnContextClassRef());
        assertThat(saml.method()).isEqualTo("password");
    }

    @Test
    @DisplayName("rows name the citizen by pseudonym only; no ID number in the table or the server log")
    void noIdNumber(ServerUnderTest server) throws Exception {
        TrackedCitizen citizen = TrackedCitizen.fresh(server);
        TrackedCitizen.Tokens tokens = citizen.codeFlow();
        citizen.userinfo(tokens);
        citizen.refreshed(tokens, 1);
        citizen.samlLogin();
        assertThat(citizen.rows()).hasSizeGreaterThanOrEqualTo(4);
        try (Connection c = new TrackerTables(server).connect(); PreparedStatement q = c.prepareStatement(
                "SELECT count(*) FROM dd_data_release WHERE subject LIKE ? OR items LIKE ? OR client_id LIKE ?")) {
            for (int i = 1; i <= 3; i++) {
                q.setString(i, "%" + citizen.number() + "%");
            }
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
        assertThat(citizen.subject()).hasSize(32).doesNotContain(citizen.number());
        assertThat(server.log()).doesNotContain(citizen.number());
    }

    @Test
    @DisplayName("24 userinfo releases at once: 24 rows, one unforked chain (appends serialised on the head row)")
    void concurrentReleases(ServerUnderTest server) throws Exception {
        TrackedCitizen citizen = TrackedCitizen.fresh(server);
        TrackedCitizen.Tokens tokens = citizen.codeFlow();
        // Refresh tokens rotate (one use each), so the concurrent releases are userinfo answers to one access token.
        long before = citizen.rows().stream().filter(r -> r.channel().equals("userinfo")).count();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<JsonNode>> answers = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                answers.add(pool.submit(() -> citizen.userinfo(tokens)));
            }
            for (Future<JsonNode> answer : answers) {
                assertThat(answer.get(60, TimeUnit.SECONDS).path("sub").asText()).isEqualTo(tokens.idToken().path("sub").asText());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(citizen.rows().stream().filter(r -> r.channel().equals("userinfo")).count()).isEqualTo(before + 24);
        TrackerTables tables = new TrackerTables(server);
        Verification result = tables.verify();
        assertThat(result.intact()).as(result.summary()).isTrue();
        assertThat(result.rows()).isEqualTo(Long.parseLong(tables.scalar("SELECT count(*) FROM dd_data_release")));
    }

    @Test
    @DisplayName("a CIBA approval in the app is a 'ciba_token' row: bank-call-centre, the tokens' claims, method app")
    void cibaRow(ServerUnderTest server) throws Exception {
        AppClient app = new AppClient(server.realmUrl());
        Citizen citizen = Citizen.withPhone(server, new Registry(server), app);
        String secret = server.relyingParties().bankCallCentreSecret();
        JsonNode asked = JSON.readTree(postForm(server, "/protocol/openid-connect/ext/ciba/auth", "bank-call-centre", secret,
                "scope=openid&login_hint=" + citizen.number() + "&binding_message=VCB-1").body());
        String authReqId = asked.path("auth_req_id").asText();
        assertThat(authReqId).as(asked.toString()).isNotEmpty();
        assertThat(app.decide(citizen.phone(), citizen.onlyPending(app), true, 0).body().path("decision").asText()).isEqualTo("approved");
        Thread.sleep(2_100); // the realm's polling interval
        HttpResponse<String> tokens = postForm(server, "/protocol/openid-connect/token", "bank-call-centre", secret,
                "grant_type=urn:openid:params:grant-type:ciba&auth_req_id=" + authReqId);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(tokens.body());
        Set<String> expected = itemsOf(TrackedCitizen.payload(body.path("id_token").asText()),
                TrackedCitizen.payload(body.path("access_token").asText()));

        String cibaSubject = TrackedCitizen.subjectOf(server, citizen.number());
        try (Connection c = new TrackerTables(server).connect(); PreparedStatement q = c.prepareStatement(
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
    @DisplayName("a chip eKYC answer to a bank is an 'ekyc_answer' row: bank-ekyc, the person block's fields, method chip")
    void ekycRow(ServerUnderTest server) throws Exception {
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
        String holderSubject = TrackedCitizen.subjectOf(server, holder.idNumber());
        try (Connection c = new TrackerTables(server).connect(); PreparedStatement q = c.prepareStatement(
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

    private static HttpResponse<String> postForm(ServerUnderTest server, String path, String clientId, String secret, String form) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return LocalHttp.client().send(HttpRequest.newBuilder(URI.create(server.realmUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
