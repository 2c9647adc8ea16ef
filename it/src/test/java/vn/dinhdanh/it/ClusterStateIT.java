package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.dinhdanh.it.support.ChipReader;
import vn.dinhdanh.it.support.Ciba;
import vn.dinhdanh.it.support.Citizen;
import vn.dinhdanh.it.support.ClusterUnderTest;
import vn.dinhdanh.it.support.DinhdanhClusterExtension;
import vn.dinhdanh.it.support.HttpLoginPage;
import vn.dinhdanh.it.support.PublicPortal;
import vn.dinhdanh.it.support.Registry;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.sandbox.LocalHttp;
import vn.dinhdanh.virtualchip.CardHolder;
import vn.dinhdanh.sandbox.app.AppClient;
import vn.dinhdanh.sandbox.postgres.Database;
import vn.dinhdanh.sandbox.registry.RegistryDatabase;
import vn.dinhdanh.tracker.chain.ChainKey;
import vn.dinhdanh.tracker.chain.JdbcChain;
import vn.dinhdanh.tracker.chain.Verification;
import vn.dinhdanh.virtualchip.ActiveAuthKey;
import vn.dinhdanh.virtualchip.Variant;

/**
 * What our providers keep is the cluster's, not a node's: single-use challenges, limits, sessions and the data
 * tracker's chain, each exercised on both nodes of the two-node cluster.
 */
@ExtendWith(DinhdanhClusterExtension.class)
class ClusterStateIT {

    private ClusterUnderTest cluster;
    private ServerUnderTest nodeA;
    private ServerUnderTest nodeB;
    private Registry registry;

    @BeforeEach
    void setUp(ClusterUnderTest cluster) {
        this.cluster = cluster;
        this.nodeA = cluster.node(1);
        this.nodeB = cluster.node(2);
        this.registry = new Registry(cluster);
    }

    private ServerUnderTest node(int i) {
        return i % 2 == 0 ? nodeA : nodeB;
    }

    @Test
    @DisplayName("a chip challenge issued by A is answered on B; the used challenge is refused on either node")
    void chipChallengeIsTheCluster() {
        ChipReader onA = new ChipReader(nodeA);
        ChipReader onB = new ChipReader(nodeB);
        CardHolder holder = onA.holder(registry.pick(ChipVerificationIT.HOLDER));
        ObjectNode body = onA.request(onA.chip(holder, Variant.GENUINE, ActiveAuthKey.RSA_SHA256), onA.challenge());
        ChipReader.Answer answered = onB.verify(body);
        assertThat(answered.status()).as(answered.body().toString()).isEqualTo(200);
        assertThat(answered.body().path("verdict").asText()).isEqualTo("valid");
        for (ChipReader reader : List.of(onA, onB)) {
            ChipReader.Answer again = reader.verify(body);
            assertThat(again.status()).isEqualTo(400);
            assertThat(again.body().path("error").asText()).isEqualTo("challenge_reused");
        }
    }

    @Test
    @DisplayName("the per-citizen push limit (5 a minute) holds across nodes: CIBA requests alternating A and B, the sixth refused")
    void perCitizenPushLimit() {
        AppClient app = new AppClient(cluster.realmUrl());
        String number = registry.pick(Registry.ALIVE + " AND c.eid_level = 2");
        Citizen citizen = new Citizen(number, app.enrolNewPhone(cluster.admin(), number));
        for (int i = 0; i < 5; i++) {
            Ciba.Answer asked = new Ciba(node(i)).ask(citizen.number(), "VCB-" + i);
            assertThat(asked.status()).as("request " + (i + 1) + ": " + asked.body()).isEqualTo(200);
        }
        for (ServerUnderTest node : List.of(nodeA, nodeB)) {
            // Over the limit: the one answer CIBA gives for every citizen it will not push to (AppCibaIT).
            Ciba.Answer refused = new Ciba(node).ask(citizen.number(), "VCB-9");
            assertThat(refused.status()).as("over the limit").isEqualTo(400);
            assertThat(refused.body().path("error").asText()).isEqualTo("unknown_user_id");
        }
    }

    @Test
    @DisplayName("the per-address push limit (6 a minute here) holds across nodes: the seventh push from one address is refused")
    void perAddressPushLimit() {
        AppClient app = new AppClient(cluster.realmUrl());
        HttpLoginPage browser = new HttpLoginPage("10.23.0.7");
        for (int i = 0; i < ClusterUnderTest.PUSHES_PER_ADDRESS; i++) {
            Citizen citizen = Citizen.withPhone(cluster, registry, app);
            String page = browser.sendIdNumber(new PublicPortal(node(i)).authorizationUrl(PublicPortal.Request.fresh()), citizen.number());
            assertThat(page).as("push " + (i + 1)).contains("dinhdanh-app-number");
        }
        Citizen another = Citizen.withPhone(cluster, registry, app);
        for (ServerUnderTest node : List.of(nodeA, nodeB)) {
            String page = browser.sendIdNumber(new PublicPortal(node).authorizationUrl(PublicPortal.Request.fresh()), another.number());
            assertThat(page).as("over the limit").doesNotContain("dinhdanh-app-number").contains("quá nhiều yêu cầu đăng nhập");
        }
        String elsewhere = new HttpLoginPage("10.23.0.8").sendIdNumber(
                new PublicPortal(nodeA).authorizationUrl(PublicPortal.Request.fresh()), another.number());
        assertThat(elsewhere).as("another address has its own budget").contains("dinhdanh-app-number");
    }

    @Test
    @DisplayName("the enrolment-code throttle holds across nodes: wrong codes on A and B share one budget, "
            + "and the real code still enrols")
    void enrolmentThrottle() {
        String number = registry.pick(Registry.ALIVE);
        String real = new AppClient(cluster.realmUrl()).enrolmentCode(cluster.admin(), number);
        List<String> answers = new ArrayList<>();
        for (int guess = 0; guess < 12; guess++) {
            String code = String.format(Locale.ROOT, "00000000%02d", guess);
            AppClient.Answer wrong = new AppClient(node(guess).realmUrl()).redeem(number, code);
            answers.add(wrong.status() + " " + wrong.body().path("error").asText());
        }
        // Ten wrong codes from one address (six on each node) spend its budget: counted per node, neither would refuse.
        assertThat(answers.subList(0, 10)).as(answers.toString()).allMatch(a -> a.equals("400 code_invalid"));
        assertThat(answers.subList(10, 12)).as(answers.toString()).allMatch(a -> a.equals("429 too_many_attempts"));
        // Wrong codes never lock the citizen out: the code the police desk issued still enrols.
        assertThat(new AppClient(nodeB.realmUrl()).redeem(number, real).status()).isEqualTo(201);
    }

    /** A CIBA login on {@code node}, tokens fetched there: a session of the citizen. Returns its refresh token. */
    private String cibaSession(ServerUnderTest node, Citizen citizen, AppClient app) throws InterruptedException {
        Ciba ciba = new Ciba(node);
        Ciba.Answer asked = ciba.ask(citizen.number(), "VCB-S");
        assertThat(asked.status()).as(asked.body().toString()).isEqualTo(200);
        assertThat(app.decide(citizen.phone(), citizen.onlyPending(app), true, 0).body().path("decision").asText()).isEqualTo("approved");
        Thread.sleep(2_100); // the realm's polling interval
        Ciba.Answer tokens = ciba.token(asked.body().path("auth_req_id").asText());
        assertThat(tokens.status()).as(tokens.body().toString()).isEqualTo(200);
        return tokens.body().path("refresh_token").asText();
    }

    @Test
    @DisplayName("a registry change ends the citizen's sessions made on A and on B: refresh refused on both nodes, no session left")
    void registryChangeEndsSessionsEverywhere() throws Exception {
        AppClient app = new AppClient(cluster.realmUrl());
        String number = registry.pick(Registry.ALIVE + " AND c.eid_level = 2");
        Citizen citizen = new Citizen(number, app.enrolNewPhone(cluster.admin(), number));
        String onA = cibaSession(nodeA, citizen, app);
        String onB = cibaSession(nodeB, citizen, app);
        String sessions = "/admin/realms/dinhdanh/users/f:population-registry:" + number + "/sessions";
        assertThat(nodeB.admin().get(sessions).size()).isEqualTo(2);

        // A change the login rule refuses (blocked): only the registry's change feed, processed once for the
        // cluster, can end these sessions.
        registry.update(number, "UPDATE citizen SET blocked = true WHERE id_number = ?");
        long changed = System.nanoTime();
        // Refresh tokens rotate (one use each), so the wait watches the sessions, and each token is tried once after.
        while ((nodeA.admin().get(sessions).size() > 0 || nodeB.admin().get(sessions).size() > 0)
                && System.nanoTime() - changed < TimeUnit.SECONDS.toNanos(15)) {
            Thread.sleep(250);
        }
        for (ServerUnderTest node : List.of(nodeA, nodeB)) {
            assertThat(node.admin().get(sessions).size()).isZero();
        }
        assertThat(new Ciba(nodeA).refresh(onA).status()).as("refresh on A after the change").isEqualTo(400);
        assertThat(new Ciba(nodeB).refresh(onB).status()).as("refresh on B after the change").isEqualTo(400);
        System.out.printf("cluster: sessions on both nodes ended %d ms after the registry change%n",
                (System.nanoTime() - changed) / 1_000_000);
    }

    @Test
    @DisplayName("both nodes release data at once: every release is a row of one unforked chain (audit verify)")
    void trackerChainAcrossNodes() throws Exception {
        AppClient app = new AppClient(cluster.realmUrl());
        String number = registry.pick(Registry.ALIVE + " AND c.eid_level = 2");
        Citizen citizen = new Citizen(number, app.enrolNewPhone(cluster.admin(), number));
        String refreshToken = cibaSession(cluster, citizen, app); // through the balancer: its URL is the tokens' issuer
        // Refresh tokens rotate (one use each): the concurrent releases are userinfo answers to one access token.
        Ciba.Answer refreshed = new Ciba(cluster).refresh(refreshToken);
        assertThat(refreshed.status()).as(refreshed.body().toString()).isEqualTo(200);
        String accessToken = refreshed.body().path("access_token").asText();
        long before = rows();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Ciba.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                Ciba ciba = new Ciba(node(i), cluster.baseUrl()); // straight to each node, as the balancer forwards
                answers.add(pool.submit(() -> ciba.userinfo(accessToken)));
            }
            for (Future<Ciba.Answer> answer : answers) {
                Ciba.Answer released = answer.get(60, TimeUnit.SECONDS);
                assertThat(released.status()).as(released.body().toString()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(rows()).as("one row per release, from both nodes").isGreaterThanOrEqualTo(before + 24);
        try (Connection c = connect()) {
            Verification result = JdbcChain.verify(c, ChainKey.of(cluster.trackerKey()), 0, null);
            assertThat(result.intact()).as(result.summary()).isTrue();
            assertThat(result.rows()).isEqualTo(rows());
        }
    }

    @Test
    @DisplayName("a registry no node can reach: every node not ready, the balancer still serves from the live nodes; "
            + "ready again once it is back")
    void registryOutage() throws Exception {
        Database owner = cluster.registryOwner();
        // From another database: PostgreSQL refuses to close the one a session is connected to.
        String maintenance = owner.jdbcUrl().replace("/" + RegistryDatabase.NAME, "/postgres");
        try (Connection c = DriverManager.getConnection(maintenance, owner.username(), owner.password())) {
            c.createStatement().execute("ALTER DATABASE " + RegistryDatabase.NAME + " WITH ALLOW_CONNECTIONS false");
            try {
                c.createStatement().execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                        + RegistryDatabase.NAME + "' AND pid <> pg_backend_pid()");
                awaitEveryNode("\"ready\": false");
                HttpResponse<String> page = LocalHttp.client().send(HttpRequest.newBuilder(
                        URI.create(cluster.realmUrl() + "/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).as("the balancer falls back to live nodes").isEqualTo(200);
            } finally {
                c.createStatement().execute("ALTER DATABASE " + RegistryDatabase.NAME + " WITH ALLOW_CONNECTIONS true");
            }
        }
        awaitEveryNode("\"ready\": true");
    }

    private void awaitEveryNode(String state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!cluster.statuses().stream().allMatch(s -> s.contains(state)) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(cluster.statuses()).allSatisfy(s -> assertThat(s).contains(state));
    }

    private long rows() throws SQLException {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM dd_data_release")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection connect() throws SQLException {
        Database db = cluster.keycloakDatabase();
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }
}
