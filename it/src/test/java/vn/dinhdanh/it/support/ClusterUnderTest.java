package vn.dinhdanh.it.support;

/**
 * A running dinhdanh cluster: {@link #baseUrl()} is the load balancer; {@link #node(int)} is one node reached
 * directly, with everything else (admin password, relying parties, registry) the cluster's.
 */
public interface ClusterUnderTest extends ServerUnderTest {

    /** Pushes one network address may start a minute on this cluster (20 by default: fewer, so a test reaches it). */
    int PUSHES_PER_ADDRESS = 6;

    /** How many nodes the cluster has (1, 2, ...). */
    int size();

    /** Node {@code number} reached directly, bypassing the balancer. */
    ServerUnderTest node(int number);

    /** SIGKILL, as a crash does. */
    void kill(int number);

    /** A clean stop (SIGTERM): in-flight requests finish. */
    void stop(int number);

    /** Starts a stopped node again; returns once it is ready and has joined the others. */
    void start(int number);

    /** What {@code ./dinhdanh nodes} prints, one JSON object per node. */
    java.util.List<String> statuses();
}
