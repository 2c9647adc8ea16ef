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
}
