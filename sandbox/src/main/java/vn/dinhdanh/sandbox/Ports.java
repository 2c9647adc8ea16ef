package vn.dinhdanh.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Checks and picks TCP ports on the loopback interface, where the sandbox listens. */
public final class Ports {

    private Ports() {
    }

    /** Fails with a clear message when something already listens on {@code port}. */
    public static void requireFree(int port, String option) {
        if (port < 1 || port > 65535) {
            throw new SandboxException("port " + port + " is not a TCP port (1-65535); choose another with " + option);
        }
        if (!isFree(port)) {
            throw new SandboxException("port " + port + " is already in use; stop what uses it or choose another with " + option);
        }
    }

    /**
     * Ports handed out by {@link #free()}: below the range the kernel draws outgoing connections' local ports from
     * (Linux: 32768-60999), and above {@link #freeTransport()}'s. A port the kernel picked ({@code bind(0)}) is
     * from that ephemeral range, so between the pick and the server's bind any outgoing connection of the machine
     * (a node's database pool, its cluster transport) could take it: a node then failed to start with "Port already
     * bound". Below that range only another server can take it, and a server's port is seen taken when picked.
     */
    private static final int FIRST_FREE = 16_000;
    /** The first port past the range. */
    private static final int FREE_END = 32_000;
    /** Where this process's next pick starts: a random place at first, so two processes rarely try the same ports. */
    private static final AtomicInteger NEXT_FREE = new AtomicInteger(ThreadLocalRandom.current().nextInt(FREE_END - FIRST_FREE));

    /** A port that was free a moment ago, not one handed out before by this process (until all were). */
    public static int free() {
        int span = FREE_END - FIRST_FREE;
        for (int attempt = 0; attempt < span; attempt++) {
            int port = FIRST_FREE + Math.floorMod(NEXT_FREE.getAndIncrement(), span);
            if (isFree(port)) {
                return port;
            }
        }
        throw new SandboxException("no free TCP port on the loopback interface in " + FIRST_FREE + "-" + (FREE_END - 1));
    }

    /**
     * A free port for a node's JGroups transport whose FD_SOCK2 port (the same + 50000) is free too. Drawn from
     * 11000-15499, so that the second port (61000-65499) stays above the ephemeral range and below 65536.
     */
    public static int freeTransport() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 11_000 + random.nextInt(4_500);
            if (isFree(port) && isFree(port + 50_000)) {
                return port;
            }
        }
        throw new SandboxException("no free pair of TCP ports (p, p + 50000) for a cluster transport on loopback");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // As servers bind: connections of a stopped server in TIME_WAIT do not make the port taken;
            // a listening socket still does.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
