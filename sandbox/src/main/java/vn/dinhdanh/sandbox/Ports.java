package vn.dinhdanh.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks and picks TCP ports on the loopback interface, where the sandbox listens. */
public final class Ports {

    private Ports() {
    }

    /** Fails with a clear message when something already listens on {@code port}. */
    public static void requireFree(int port, String option) {
        if (port < 1 || port > 65535) {
            throw new SandboxException("port " + port + " is not a TCP port (1-65535); choose another with " + option);
        }
        try (ServerSocket socket = new ServerSocket()) {
            // As servers bind: connections of a stopped server in TIME_WAIT do not make the port taken;
            // a listening socket still does.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new SandboxException("port " + port + " is already in use; stop what uses it or choose another with " + option);
        }
    }

    /** A port that was free a moment ago. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new SandboxException("no free TCP port on the loopback interface: " + e.getMessage(), e);
        }
    }

    /**
     * A free port for a node's JGroups transport whose FD_SOCK2 port (the same + 50000) is free too. Drawn
     * below 15536 so that the sum stays a port without wrapping.
     */
    public static int freeTransport() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 10_000 + random.nextInt(5_500);
            if (isFree(port) && isFree(port + 50_000)) {
                return port;
            }
        }
        throw new SandboxException("no free pair of TCP ports (p, p + 50000) for a cluster transport on loopback");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
