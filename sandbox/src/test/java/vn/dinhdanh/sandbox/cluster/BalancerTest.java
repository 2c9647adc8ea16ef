package vn.dinhdanh.sandbox.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.dinhdanh.sandbox.SandboxException;

@DisplayName("the sandbox's HAProxy configuration: docker/haproxy.cfg with its bind and server lines for loopback")
class BalancerTest {

    private static final List<Balancer.Backend> NODES = List.of(new Balancer.Backend("node-1", 8201, 40001),
            new Balancer.Backend("node-2", 8202, 40002), new Balancer.Backend("node-3", 8203, 40003));

    private static String shipped() throws IOException {
        return Files.readString(Path.of(System.getProperty("user.dir")).resolveSibling("docker/haproxy.cfg"));
    }

    @Test
    @DisplayName("every backend gets one server per node, health checked on its management port; the rest is the file as shipped")
    void shippedFile() throws IOException {
        String template = shipped();
        String config = Balancer.configure(template, 8200, NODES);
        assertThat(config).contains("    bind 127.0.0.1:8200\n").doesNotContain("bind :8080").doesNotContain("keycloak-1:8080");
        for (Balancer.Backend node : NODES) {
            String line = "    server " + node.name() + " 127.0.0.1:" + node.httpPort() + " check port " + node.managementPort() + "\n";
            assertThat(config.split(java.util.regex.Pattern.quote(line), -1)).as("once in each of the two backends").hasSize(3);
        }
        template.lines().filter(l -> !l.strip().startsWith("server ") && !l.strip().startsWith("bind "))
                .forEach(l -> assertThat(config).contains(l));
    }

    @Test
    @DisplayName("a file without server lines is refused")
    void noServers() {
        assertThatThrownBy(() -> Balancer.configure("frontend f\n    bind :80\n", 8200, NODES)).isInstanceOf(SandboxException.class);
    }
}
