package vn.dinhdanh.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ports picked for the sandbox's servers")
class PortsTest {

    @Test
    @DisplayName("free ports lie below the kernel's range for outgoing connections, each one handed out once, and bind")
    void freePorts() throws IOException {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = Ports.free();
            assertThat(port).isBetween(16_000, 31_999);
            assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
        }
        int port = Ports.free();
        try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(server.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    @DisplayName("a transport port and its failure-detection port (+50000) both lie outside the kernel's range for outgoing connections")
    void transportPorts() {
        for (int i = 0; i < 50; i++) {
            int port = Ports.freeTransport();
            assertThat(port).isBetween(11_000, 15_499);
            assertThat(port + 50_000).isBetween(61_000, 65_535);
        }
    }
}
