package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.dinhdanh.it.support.BackchannelRp;
import vn.dinhdanh.it.support.ClusterUnderTest;
import vn.dinhdanh.it.support.DinhdanhClusterExtension;
import vn.dinhdanh.it.support.LogoutListener;
import vn.dinhdanh.it.support.Pairwise;
import vn.dinhdanh.it.support.Passwords;
import vn.dinhdanh.it.support.Registry;
import vn.dinhdanh.it.support.StallingListener;
import vn.dinhdanh.sandbox.postgres.Database;

/**
 * Logout notices on the two-node cluster: they are sent from the logout outbox (a table of Keycloak's database, filled
 * in the transaction that ends the sessions), so a node killed while sending loses nothing (its lease runs out and the
 * other node sends), and a relying party that never answers holds one sender of one node, not the others' notices.
 */
@ExtendWith(DinhdanhClusterExtension.class)
class ClusterLogoutNoticesIT {

    private static final String ALIVE_ACTIVE = "c.life_status = 'alive' AND NOT c.blocked AND k.status = 'active'";
    private static final Duration NOTICE = Duration.ofSeconds(15);
    /** The outbox's lease (30 s) and a poll, with room for a loaded machine. */
    private static final Duration TAKEOVER = Duration.ofSeconds(60);

    private ClusterUnderTest cluster;
    private Registry registry;

    @BeforeEach
    void setUp(ClusterUnderTest cluster) {
        this.cluster = cluster;
        this.registry = new Registry(cluster);
    }

    @Test
    @DisplayName("a node killed while its relying party stalls: the other node sends the logout token; meanwhile another"
            + " citizen's notice to a healthy relying party is not held")
    void nodeKilledWhileSending() throws Exception {
        String stalledCitizen = registry.pick(ALIVE_ACTIVE);
        String otherCitizen = registry.pick(ALIVE_ACTIVE);
        long[] pids = pids();
        int killed = 0;
        try (StallingListener stalling = new StallingListener();
             BackchannelRp slow = new BackchannelRp(cluster, stalling.url("/backchannel-logout"));
             BackchannelRp healthy = new BackchannelRp(cluster)) {
            BackchannelRp.Login stalledLogin = slow.signIn(stalledCitizen, Passwords.give(cluster, stalledCitizen), "openid");
            BackchannelRp.Login otherLogin = healthy.signIn(otherCitizen, Passwords.give(cluster, otherCitizen), "openid");
            String slowClient = clientUuid(slow);

            stalling.stall();
            registry.update(stalledCitizen, "UPDATE citizen SET life_status = 'deceased' WHERE id_number = ?");
            stalling.await(NOTICE, "first logout token (stalled)");
            Lease lease = lease(slowClient);
            assertThat(lease.holder()).as("the notice is leased while it is sent").isNotNull();
            int holder = nodeOf(pids, lease.holder());

            // Another citizen's change while that send stalls: its notice to a healthy relying party leaves at once.
            registry.update(otherCitizen, "UPDATE citizen SET blocked = true WHERE id_number = ?");
            long changed = System.nanoTime();
            LogoutListener.Arrival other = healthy.logouts().await(NOTICE, "the healthy relying party's logout token");
            System.out.printf("healthy relying party's logout token %d ms after its change, beside a stalled one%n",
                    TimeUnit.NANOSECONDS.toMillis(other.nanoTime() - changed));
            assertValid(healthy, otherLogin, otherCitizen, other);
            assertThat(lease(slowClient)).as("the stalled send was still in flight, first attempt, same holder")
                    .isEqualTo(new Lease(lease.holder(), 0));

            cluster.kill(holder);
            killed = holder;
            stalling.answer();
            LogoutListener.Arrival retried = stalling.await(TAKEOVER, "logout token from the surviving node");
            assertValid(slow, stalledLogin, stalledCitizen, retried);
            int survivor = holder == 1 ? 2 : 1;
            assertThat(cluster.node(survivor).log()).as("the surviving node took the notice over")
                    .contains("logout notice taken over from " + lease.holder());
            awaitOutboxEmpty(slowClient);
        } finally {
            if (killed != 0) {
                cluster.start(killed);
            }
        }
    }

    private void assertValid(BackchannelRp rp, BackchannelRp.Login login, String number, LogoutListener.Arrival arrival)
            throws Exception {
        JWTClaimsSet claims = rp.validLogoutToken(arrival.parameters().get("logout_token"));
        assertThat(claims.getAudience()).containsExactly(rp.clientId());
        assertThat(claims.getSubject()).as("sub as this relying party saw it (pairwise)")
                .isEqualTo(login.idToken().getSubject()).isEqualTo(Pairwise.atPublicPortal(cluster, number));
        assertThat(claims.getStringClaim("sid")).isEqualTo(login.idToken().getStringClaim("sid"));
        assertThat(claims.getExpirationTime()).isInTheFuture();
    }

    /** Who holds the relying party's notice, and its failed attempts so far. */
    private record Lease(String holder, int attempts) {
    }

    private Lease lease(String clientUuid) throws SQLException {
        Database keycloak = cluster.keycloakDatabase();
        try (Connection connection = DriverManager.getConnection(keycloak.jdbcUrl(), keycloak.username(), keycloak.password());
             PreparedStatement query = connection.prepareStatement(
                     "SELECT lease_holder, attempts FROM dd_logout_notice WHERE client_id = ? AND lease_until > ?")) {
            query.setString(1, clientUuid);
            query.setLong(2, System.currentTimeMillis());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? new Lease(rows.getString(1), rows.getInt(2)) : new Lease(null, -1);
            }
        }
    }

    private void awaitOutboxEmpty(String clientUuid) throws Exception {
        Database keycloak = cluster.keycloakDatabase();
        long deadline = System.nanoTime() + NOTICE.toNanos();
        while (true) {
            try (Connection connection = DriverManager.getConnection(keycloak.jdbcUrl(), keycloak.username(), keycloak.password());
                 PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM dd_logout_notice WHERE client_id = ?")) {
                query.setString(1, clientUuid);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) == 0) {
                        return;
                    }
                }
            }
            assertThat(System.nanoTime()).as("the delivered notice left the outbox within %s", NOTICE).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** Each node's JVM pid (index = node number). */
    private long[] pids() throws Exception {
        long[] pids = new long[cluster.size() + 1];
        ObjectMapper json = new ObjectMapper();
        for (String status : cluster.statuses()) {
            JsonNode node = json.readTree(status);
            pids[node.path("node").asInt()] = node.path("pid").asLong();
        }
        return pids;
    }

    /** The node whose JVM is {@code holder} ({@code pid@host}, as the outbox records it). */
    private static int nodeOf(long[] pids, String holder) {
        long pid = Long.parseLong(holder.substring(0, holder.indexOf('@')));
        for (int node = 1; node < pids.length; node++) {
            if (pids[node] == pid) {
                return node;
            }
        }
        throw new AssertionError("no node of the cluster has pid " + pid);
    }

    private String clientUuid(BackchannelRp rp) {
        return cluster.admin().get("/admin/realms/dinhdanh/clients?clientId=" + rp.clientId()).get(0).path("id").asText();
    }
}
