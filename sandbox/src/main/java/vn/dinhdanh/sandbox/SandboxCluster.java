package vn.dinhdanh.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import vn.dinhdanh.sandbox.cluster.Balancer;
import vn.dinhdanh.sandbox.cluster.ClusterControl;
import vn.dinhdanh.sandbox.cluster.ClusterNode;
import vn.dinhdanh.sandbox.keycloak.KeycloakDistribution;
import vn.dinhdanh.sandbox.keycloak.ServerOptions;
import vn.dinhdanh.sandbox.postgres.Database;

/**
 * The sandbox as a cluster: one PostgreSQL, N Keycloak nodes in one Infinispan cluster (peers found through the
 * database), HAProxy in front on the plan's HTTP port. {@code ./dinhdanh up --nodes N} and the cluster tests both
 * start it here. Nodes can be killed (SIGKILL) and started again into the same cluster.
 */
public final class SandboxCluster implements ClusterControl.Nodes, AutoCloseable {

    private static final Duration VIEW_TIMEOUT = Duration.ofMinutes(2);
    /** How long a node's start may take; a machine loaded by other work can pass {@code -Ddinhdanh.readyTimeoutSeconds}. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(Long.getLong("dinhdanh.readyTimeoutSeconds", 180));

    private final Closer closer;
    private final Sandbox.Shared shared;
    private final Sandbox.Plan plan;
    private final List<ClusterNode> nodes;
    private final Balancer balancer;
    private final Consumer<String> progress;

    private SandboxCluster(Closer closer, Sandbox.Shared shared, Sandbox.Plan plan, List<ClusterNode> nodes, Balancer balancer,
                           Consumer<String> progress) {
        this.closer = closer;
        this.shared = shared;
        this.plan = plan;
        this.nodes = nodes;
        this.balancer = balancer;
        this.progress = progress;
    }

    /**
     * Starts the cluster: the balancer listens on {@code plan.httpPort()}, node {@code i} (from 1) on
     * {@code nodeHttpPorts.get(i - 1)}; management and transport ports are free ones.
     */
    public static SandboxCluster start(Sandbox.Plan plan, List<Integer> nodeHttpPorts, SandboxSettings settings, Closer closer,
                                       Consumer<String> progress) {
        if (nodeHttpPorts.size() < 2) {
            throw new SandboxException("a cluster has at least 2 nodes");
        }
        try {
            Sandbox.Shared shared = Sandbox.prepare(plan, settings, closer, progress);
            List<ClusterNode> nodes = new ArrayList<>();
            for (int i = 1; i <= nodeHttpPorts.size(); i++) {
                KeycloakDistribution copy = shared.distribution().copyForNode(
                        plan.keycloakParent().resolve("cluster/node-" + i).resolve(shared.distribution().home().getFileName()));
                ServerOptions options = new ServerOptions(nodeHttpPorts.get(i - 1), Ports.free(), shared.database(),
                        shared.registry(), Sandbox.ADMIN_USERNAME, plan.adminPassword(), shared.environment(),
                        shared.logs().resolve("node-" + i + ".log"),
                        new ServerOptions.ClusterMember("node-" + i, Ports.freeTransport()));
                nodes.add(closer.register(new ClusterNode(i, copy, options)));
            }
            // The first node alone migrates the database and imports the realm; the others join it.
            for (ClusterNode node : nodes) {
                progress.accept("starting Keycloak node " + node.number() + " on " + node.baseUrl());
                node.start(READY_TIMEOUT);
            }
            progress.accept("starting HAProxy on http://localhost:" + plan.httpPort());
            Balancer balancer = closer.register(Balancer.start(plan.projectHome().resolve("docker/haproxy.cfg"), plan.httpPort(),
                    nodes.stream().map(n -> new Balancer.Backend("node-" + n.number(), n.options().httpPort(),
                            n.options().managementPort())).toList(), shared.logs()));
            SandboxCluster cluster = new SandboxCluster(closer, shared, plan, nodes, balancer, progress);
            cluster.awaitWhole();
            Sandbox.configure(balancer.baseUrl(), plan);
            return cluster;
        } catch (RuntimeException e) {
            closer.close();
            throw e;
        }
    }

    /** Every node running, ready, seeing all the others, and the balancer serving. */
    public void awaitWhole() {
        long deadline = System.nanoTime() + VIEW_TIMEOUT.toNanos();
        while (true) {
            List<ClusterNode.Status> statuses = statuses();
            boolean whole = statuses.stream().allMatch(s -> s.ready() && s.clusterSize() == nodes.size());
            if (whole && balancerServes()) {
                return;
            }
            if (!balancer.isAlive()) {
                throw new SandboxException("HAProxy stopped: see " + balancer.log());
            }
            if (System.nanoTime() > deadline) {
                throw new SandboxException("the cluster did not form within " + VIEW_TIMEOUT.toSeconds() + " s: "
                        + statuses.stream().map(ClusterNode.Status::toJson).toList() + "; see " + shared.logs());
            }
            sleep(500);
        }
    }

    private boolean balancerServes() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(balancer.baseUrl() + "/realms/master"))
                    .timeout(Duration.ofSeconds(5)).build();
            return LocalHttp.client().send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted", e);
        }
    }

    @Override
    public List<ClusterNode.Status> statuses() {
        return nodes.stream().map(ClusterNode::status).toList();
    }

    public ClusterNode node(int number) {
        if (number < 1 || number > nodes.size()) {
            throw new SandboxException("there is no node " + number + " (nodes 1-" + nodes.size() + ")");
        }
        return nodes.get(number - 1);
    }

    public List<ClusterNode> nodes() {
        return nodes;
    }

    @Override
    public void kill(int number) {
        progress.accept("killing node " + number + " (SIGKILL)");
        node(number).kill();
    }

    /** Starts a stopped node into the cluster; returns once it is ready and sees every running node. */
    @Override
    public void start(int number) {
        ClusterNode node = node(number);
        progress.accept("starting Keycloak node " + number + " on " + node.baseUrl());
        node.start(READY_TIMEOUT);
        long running = nodes.stream().filter(ClusterNode::isAlive).count();
        long deadline = System.nanoTime() + VIEW_TIMEOUT.toNanos();
        while (node.status().clusterSize() < running) {
            if (System.nanoTime() > deadline) {
                throw new SandboxException("node " + number + " started but did not join the cluster; see " + node.options().log());
            }
            sleep(500);
        }
    }

    /** A clean stop (SIGTERM): in-flight requests finish, the others see it leave at once. */
    public void stop(int number) {
        progress.accept("stopping node " + number);
        node(number).stop();
    }

    public URI baseUrl() {
        return balancer.baseUrl();
    }

    public Balancer balancer() {
        return balancer;
    }

    public Database database() {
        return shared.database();
    }

    public Database registry() {
        return shared.registry();
    }

    public Database registryOwner() {
        return shared.registryOwner();
    }

    public Sandbox.Plan plan() {
        return plan;
    }

    public java.nio.file.Path logs() {
        return shared.logs();
    }

    @Override
    public void close() {
        closer.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted", e);
        }
    }
}
