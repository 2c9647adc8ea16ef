package vn.dinhdanh.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import vn.dinhdanh.sandbox.Closer;
import vn.dinhdanh.sandbox.FileTrees;
import vn.dinhdanh.sandbox.Ports;
import vn.dinhdanh.sandbox.Sandbox;
import vn.dinhdanh.sandbox.SandboxCluster;
import vn.dinhdanh.sandbox.SandboxSecrets;
import vn.dinhdanh.sandbox.SandboxSettings;
import vn.dinhdanh.sandbox.chip.SandboxPki;
import vn.dinhdanh.sandbox.cluster.ClusterNode;
import vn.dinhdanh.sandbox.postgres.Database;
import vn.dinhdanh.virtualchip.TestPki;

/**
 * Two Keycloak nodes in one Infinispan cluster behind HAProxy, on a fresh embedded PostgreSQL, started by the
 * sandbox's own code ({@code ./dinhdanh up --nodes 2}) with the same settings as {@link DistributionServer}.
 */
final class ClusterServer extends ServerTarget implements ClusterUnderTest {

    static final int NODES = 2;

    private final Closer closer = new Closer();
    private final SandboxCluster cluster;
    private final Path data;
    private final int pushGatewayPort = Ports.free();

    ClusterServer() {
        Path home = Path.of(System.getProperty("dinhdanh.home")).toAbsolutePath().normalize();
        Path work = Path.of(System.getProperty("dinhdanh.it.work")).toAbsolutePath();
        data = work.resolve("cluster-data");
        try {
            FileTrees.delete(data); // every run starts from an empty database
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        java.util.Map<String, String> environment = DistributionServer.environment(relyingParties, pushGatewayPort);
        environment.put("KC_SPI_DINHDANH_APP__DEFAULT__PUSHES_PER_ADDRESS_PER_MINUTE", String.valueOf(PUSHES_PER_ADDRESS));
        Sandbox.Plan plan = new Sandbox.Plan(home, Path.of(System.getProperty("dinhdanh.it.providers")), data, work,
                Ports.free(), 0, null, adminPassword, environment, DistributionServer.CITIZENS, null);
        List<Integer> nodePorts = java.util.stream.IntStream.range(0, NODES).mapToObj(i -> Ports.free()).toList();
        cluster = SandboxCluster.start(plan, nodePorts, SandboxSettings.load(), closer,
                line -> System.out.println("[it cluster] " + line));
    }

    @Override
    public URI baseUrl() {
        return cluster.baseUrl();
    }

    @Override
    public int size() {
        return NODES;
    }

    @Override
    public ServerUnderTest node(int number) {
        ClusterNode node = cluster.node(number);
        ClusterServer whole = this;
        return new ServerUnderTest() {
            @Override
            public URI baseUrl() {
                return node.baseUrl();
            }

            @Override
            public String adminPassword() {
                return whole.adminPassword();
            }

            @Override
            public RelyingParties relyingParties() {
                return whole.relyingParties();
            }

            @Override
            public String log() {
                return read(node.options().log());
            }

            @Override
            public Database registryOwner() {
                return whole.registryOwner();
            }

            @Override
            public TestPki chipPki() {
                return whole.chipPki();
            }

            @Override
            public Database keycloakDatabase() {
                return whole.keycloakDatabase();
            }

            @Override
            public String trackerKey() {
                return whole.trackerKey();
            }
        };
    }

    @Override
    public void kill(int number) {
        cluster.kill(number);
    }

    @Override
    public void stop(int number) {
        cluster.stop(number);
    }

    @Override
    public void start(int number) {
        cluster.start(number);
    }

    @Override
    public List<String> statuses() {
        return cluster.statuses().stream().map(ClusterNode.Status::toJson).toList();
    }

    @Override
    public int pushGatewayPort() {
        return pushGatewayPort;
    }

    @Override
    public TestPki chipPki() {
        return SandboxPki.of(data);
    }

    @Override
    public Database registryOwner() {
        return cluster.registryOwner();
    }

    @Override
    public Database keycloakDatabase() {
        return cluster.database();
    }

    @Override
    public String trackerKey() {
        return SandboxSecrets.get(data, SandboxSecrets.TRACKER_KEY);
    }

    /** Every node's log, one after the other. */
    @Override
    public String log() {
        StringBuilder all = new StringBuilder();
        for (ClusterNode node : cluster.nodes()) {
            all.append(read(node.options().log()));
        }
        return all.toString();
    }

    Path dataDirectory() {
        return data;
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        closer.close();
    }
}
