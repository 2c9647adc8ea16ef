package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.dinhdanh.it.support.ClusterUnderTest;
import vn.dinhdanh.it.support.DinhdanhClusterExtension;
import vn.dinhdanh.it.support.LoginLoad;
import vn.dinhdanh.it.support.Passwords;
import vn.dinhdanh.it.support.Registry;

/**
 * A rolling restart under load: logins run through the balancer while node 1 is stopped cleanly and started
 * again, then node 2. How many logins failed is a measurement (printed, and written to
 * {@code target/rolling-restart.txt} for docs/benchmarks.md), not a timed assertion; what must hold is that logins
 * went on through both restarts and that both nodes served again afterwards.
 */
@ExtendWith(DinhdanhClusterExtension.class)
class RollingRestartIT {

    private static final String CLIENT = "cluster-load-driver";
    private static final int WORKERS = 4;

    @Test
    @DisplayName("logins through the balancer while node 1, then node 2, restart: logins go on; failures are counted")
    void rollingRestartUnderLoad(ClusterUnderTest cluster) throws Exception {
        ObjectNode client = new ObjectMapper().createObjectNode().put("clientId", CLIENT).put("publicClient", true)
                .put("directAccessGrantsEnabled", true).put("standardFlowEnabled", false);
        cluster.admin().post("/admin/realms/dinhdanh/clients", client, Duration.ofSeconds(30));
        Registry registry = new Registry(cluster);
        List<String[]> citizens = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            String number = registry.pick(Registry.ALIVE);
            citizens.add(new String[] {number, Passwords.give(cluster, number)});
        }

        long started = System.nanoTime();
        long[] phases = new long[5];
        LoginLoad load = new LoginLoad(cluster.realmUrl(), CLIENT, citizens);
        try {
            Thread.sleep(5_000);
            phases[0] = load.succeeded();
            for (int node = 1; node <= cluster.size(); node++) {
                long before = load.succeeded();
                cluster.stop(node);
                cluster.start(node);
                assertThat(load.succeeded()).as("logins went on while node " + node + " restarted").isGreaterThan(before);
                phases[node] = load.succeeded();
            }
            Thread.sleep(5_000);
        } finally {
            load.close();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        String report = String.format(Locale.ROOT,
                "rolling restart of %d nodes under %d login workers: %d logins in %.1f s (%.1f/s), %d failed %s, "
                        + "failures in %d distinct seconds%n",
                cluster.size(), WORKERS, load.succeeded(), seconds, load.succeeded() / seconds, load.failed(), load.failuresByCause(),
                load.failingSeconds());
        System.out.print(report);
        Path out = Path.of(System.getProperty("dinhdanh.it.work")).resolveSibling("rolling-restart.txt");
        try {
            Files.writeString(out, report);
        } catch (IOException e) {
            System.out.println("cannot write " + out + ": " + e.getMessage());
        }
        assertThat(load.succeeded()).as("logins after both restarts").isGreaterThan(phases[cluster.size()]);
        cluster.statuses().forEach(status -> assertThat(status).contains("\"ready\": true").contains("\"clusterSize\": " + cluster.size()));
    }
}
