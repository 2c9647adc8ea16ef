package vn.dinhdanh.sandbox;

import java.net.http.HttpClient;

/**
 * HTTP clients for servers reached over plain http (the sandbox's Keycloak nodes, its balancer, test doubles).
 *
 * <p>The JDK client's default version is HTTP/2, which over plain http turns a connection's first request into an
 * h2c upgrade. Keycloak accepts the upgrade, and a large answer to an upgraded request has been read by the JDK
 * client as HTTP/2 frames ("Frame type(108) length(2258529) exceeds MAX_FRAME_SIZE"). Browsers never upgrade plain
 * http to HTTP/2, so speaking HTTP/1.1 here is also closer to what citizens' browsers do.
 */
public final class LocalHttp {

    private LocalHttp() {
    }

    /** A builder already set to HTTP/1.1. */
    public static HttpClient.Builder builder() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
    }

    /** A client with the JDK's defaults but HTTP/1.1. */
    public static HttpClient client() {
        return builder().build();
    }
}
