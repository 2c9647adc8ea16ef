package vn.dinhdanh.it.support;

/** Starts the container image for one test class that asks for it explicitly. */
public final class ContainerTarget implements AutoCloseable {

    private final ContainerServer server;

    private ContainerTarget(ContainerServer server) {
        this.server = server;
    }

    public static ContainerTarget start() {
        return new ContainerTarget(new ContainerServer());
    }

    public ServerUnderTest server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }
}
