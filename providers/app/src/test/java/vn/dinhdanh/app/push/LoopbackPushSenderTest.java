package vn.dinhdanh.app.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.Config;

/** The loopback sender posts a push to its URL, as the sandbox's phone receives it; a dead URL is no failure. */
class LoopbackPushSenderTest {

    @Test
    @DisplayName("posts {realm, credentialId, challengeId} as JSON to the configured URL")
    void posts() throws Exception {
        BlockingQueue<byte[]> received = new ArrayBlockingQueue<>(1);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/push", exchange -> {
            received.add(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            System.setProperty("dinhdanh.test.loopback.url", "http://127.0.0.1:" + server.getAddress().getPort() + "/push");
            LoopbackPushSenderFactory factory = new LoopbackPushSenderFactory();
            factory.init(new Config.SystemPropertiesScope("dinhdanh.test.loopback."));
            factory.create(null).send(new PushMessage("dinhdanh", "Y3JlZA==", "AAAAAAAAAAAAAAAAAAAAAA"));

            byte[] body = received.poll(10, TimeUnit.SECONDS);
            assertThat(body).as("a push arrived").isNotNull();
            JsonNode push = new ObjectMapper().readTree(body);
            assertThat(push.path("realm").asText()).isEqualTo("dinhdanh");
            assertThat(push.path("credentialId").asText()).isEqualTo("Y3JlZA==");
            assertThat(push.path("challengeId").asText()).isEqualTo("AAAAAAAAAAAAAAAAAAAAAA");
        } finally {
            server.stop(0);
            System.clearProperty("dinhdanh.test.loopback.url");
        }
    }

    @Test
    @DisplayName("an unreachable URL, or none, sends nothing and throws nothing")
    void unreachable() {
        System.setProperty("dinhdanh.test.dead.url", "http://127.0.0.1:9/push");
        try {
            LoopbackPushSenderFactory factory = new LoopbackPushSenderFactory();
            factory.init(new Config.SystemPropertiesScope("dinhdanh.test.dead."));
            factory.create(null).send(new PushMessage("dinhdanh", "x", "y"));
            LoopbackPushSenderFactory none = new LoopbackPushSenderFactory();
            none.init(new Config.SystemPropertiesScope("dinhdanh.test.none."));
            none.create(null).send(new PushMessage("dinhdanh", "x", "y"));
        } finally {
            System.clearProperty("dinhdanh.test.dead.url");
        }
    }
}
