package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import vn.dinhdanh.it.support.Browser;
import vn.dinhdanh.it.support.Ciba;
import vn.dinhdanh.it.support.Citizen;
import vn.dinhdanh.it.support.ClusterUnderTest;
import vn.dinhdanh.it.support.DinhdanhClusterExtension;
import vn.dinhdanh.it.support.LoopbackReceiver;
import vn.dinhdanh.it.support.PublicPortal;
import vn.dinhdanh.it.support.Registry;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.sandbox.app.AppClient;

/**
 * Logins that outlive their node: the two-node cluster behind HAProxy, a login started on one node and finished
 * on the other, or after its node was killed (SIGKILL). Every test that kills a node starts it again, so the next
 * test meets the whole cluster.
 */
@ExtendWith(DinhdanhClusterExtension.class)
class ClusterFailoverIT {

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

    /** The ID number sent on the VNeID page: returns the number the page shows. */
    private static String startAppLogin(Browser browser, String idNumber) {
        browser.waitFor(By.id("idNumber"));
        browser.driver().findElement(By.id("idNumber")).sendKeys(idNumber);
        browser.driver().findElement(By.id("dinhdanh-app-send")).click();
        browser.waitFor(By.id("dinhdanh-app-number"));
        return browser.driver().findElement(By.id("dinhdanh-app-number")).getText().strip();
    }

    @Test
    @DisplayName("the VNeID page waiting on node A continues when the app's approval lands on node B")
    void approvalOnTheOtherNode() throws Exception {
        AppClient appOnB = new AppClient(nodeB.realmUrl());
        Citizen citizen = Citizen.withPhone(nodeB, registry, appOnB);
        PublicPortal portalOnA = new PublicPortal(nodeA);
        PublicPortal.Request request = PublicPortal.Request.fresh();
        try (LoopbackReceiver callback = new LoopbackReceiver(cluster.relyingParties().publicPortalPort());
             Browser browser = Browser.open("vi")) {
            browser.open(portalOnA.authorizationUrl(request));
            int shown = Integer.parseInt(startAppLogin(browser, citizen.number()));
            JsonNode challenge = citizen.onlyPending(appOnB);
            assertThat(appOnB.decide(citizen.phone(), challenge, true, shown).body().path("decision").asText()).isEqualTo("approved");
            browser.waitFor(By.id("received"));
            String code = callback.await(Duration.ofSeconds(5)).parameters().get("code");
            assertThat(portalOnA.exchange(code, request.codeVerifier()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("node A killed while the browser waits on the VNeID page: the approval and the page's next requests go to B")
    void waitingPageSurvivesItsNode() throws Exception {
        AppClient app = new AppClient(cluster.realmUrl());
        Citizen citizen = Citizen.withPhone(cluster, registry, app);
        PublicPortal portal = new PublicPortal(cluster);
        PublicPortal.Request request = PublicPortal.Request.fresh();
        try (LoopbackReceiver callback = new LoopbackReceiver(cluster.relyingParties().publicPortalPort());
             Browser browser = Browser.open("vi")) {
            browser.open(portal.authorizationUrl(request));
            int shown = Integer.parseInt(startAppLogin(browser, citizen.number()));
            cluster.kill(1);
            JsonNode challenge = citizen.onlyPending(app);
            assertThat(app.decide(citizen.phone(), challenge, true, shown).body().path("decision").asText()).isEqualTo("approved");
            browser.waitFor(By.id("received"));
            String code = callback.await(Duration.ofSeconds(5)).parameters().get("code");
            assertThat(portal.exchange(code, request.codeVerifier()).statusCode()).isEqualTo(200);
        } finally {
            cluster.start(1);
        }
    }

    @Test
    @DisplayName("a CIBA request accepted by node A, A killed: the approval and the token poll through the balancer give tokens")
    void cibaSurvivesItsNode() throws Exception {
        AppClient app = new AppClient(cluster.realmUrl());
        String number = registry.pick(Registry.ALIVE + " AND c.eid_level = 2");
        Citizen citizen = new Citizen(number, app.enrolNewPhone(cluster.admin(), number));
        Ciba onA = new Ciba(nodeA);
        Ciba.Answer asked = onA.ask(citizen.number(), "VCB-7001");
        assertThat(asked.status()).as(asked.body().toString()).isEqualTo(200);
        String authReqId = asked.body().path("auth_req_id").asText();
        try {
            cluster.kill(1);
            JsonNode challenge = citizen.onlyPending(app);
            assertThat(challenge.path("bindingMessage").asText()).isEqualTo("VCB-7001");
            assertThat(app.decide(citizen.phone(), challenge, true, 0).body().path("decision").asText()).isEqualTo("approved");
            Thread.sleep(2_100); // the realm's polling interval
            // Right after a kill the balancer may have no node to send to for a few seconds (its 503 page, not JSON:
            // docs/operations.md); a relying party polls again, as CIBA's poll mode has it do anyway.
            Ciba.Answer tokens = pollThroughBalancer(() -> new Ciba(cluster).token(authReqId));
            assertThat(tokens.status()).as(tokens.body().toString()).isEqualTo(200);
            assertThat(tokens.body().path("id_token").asText()).isNotEmpty();
        } finally {
            cluster.start(1);
        }
    }

    /** {@code call}'s answer, asked again while the balancer answers without JSON (no node ready), for at most a minute. */
    private static Ciba.Answer pollThroughBalancer(java.util.function.Supplier<Ciba.Answer> call) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return call.get();
            } catch (java.io.UncheckedIOException notJson) {
                if (System.nanoTime() > deadline) {
                    throw notJson;
                }
                Thread.sleep(1_000);
            }
        }
    }
}
