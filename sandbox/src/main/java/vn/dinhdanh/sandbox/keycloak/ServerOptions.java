package vn.dinhdanh.sandbox.keycloak;

import java.nio.file.Path;
import java.util.Map;
import vn.dinhdanh.sandbox.postgres.Database;

/**
 * Run-time options of one server start. Build-time options live in {@code docker/keycloak.conf},
 * shared with the container image.
 *
 * @param registry    the population registry (read-only role), or {@code null}
 * @param environment extra environment, e.g. values for the {@code ${...}} placeholders of the realm files
 * @param cluster     this node's place in an Infinispan cluster, or {@code null} for one node on local caches
 */
public record ServerOptions(int httpPort, int managementPort, Database database, Database registry, String adminUsername,
                            String adminPassword, Map<String, String> environment, Path log, ClusterMember cluster) {

    /** One node on local caches. */
    public ServerOptions(int httpPort, int managementPort, Database database, Database registry, String adminUsername,
                         String adminPassword, Map<String, String> environment, Path log) {
        this(httpPort, managementPort, database, registry, adminUsername, adminPassword, environment, log, null);
    }

    /**
     * A member of an Infinispan cluster whose members find each other through the database (JGroups
     * {@code jdbc-ping}), behind a load balancer on loopback.
     *
     * @param name          the node's name in the cluster view and the logs ({@code node-1}, ...)
     * @param transportPort the JGroups port on loopback (FD_SOCK2 also listens on this port + 50000)
     */
    public record ClusterMember(String name, int transportPort) {
    }

    @Override
    public String toString() {
        return "ServerOptions[http=" + httpPort + ", management=" + managementPort + ", " + database + "]";
    }
}
