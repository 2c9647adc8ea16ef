package vn.dinhdanh.it.support;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link ServerUnderTest}, started once for the whole run and stopped at its end.
 * {@code -Ddinhdanh.it.target=container} runs the same tests against the container image (skipped
 * where no Docker engine runs); the default is the distribution, which needs no Docker.
 */
public final class DinhdanhServerExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ServerUnderTest.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        String target = System.getProperty("dinhdanh.it.target", "distribution");
        if (target.equals("container")) {
            ContainerServer.assumeDocker();
        }
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(getClass()));
        return store.getOrComputeIfAbsent("server", key -> new Started(target), Started.class).server();
    }

    /** Starts once; a failed start is remembered, so the next tests fail at once instead of retrying. */
    private static final class Started implements AutoCloseable {

        private final ServerUnderTest server;
        private final RuntimeException failure;

        Started(String target) {
            ServerUnderTest started = null;
            RuntimeException failed = null;
            try {
                started = switch (target) {
                    case "distribution" -> new DistributionServer();
                    case "container" -> new ContainerServer();
                    default -> throw new IllegalArgumentException(
                            "dinhdanh.it.target must be distribution or container, not " + target);
                };
            } catch (RuntimeException e) {
                failed = e;
            }
            this.server = started;
            this.failure = failed;
        }

        ServerUnderTest server() {
            if (failure != null) {
                throw new IllegalStateException("the server under test did not start: " + failure.getMessage(), failure);
            }
            return server;
        }

        @Override
        public void close() throws Exception {
            if (server instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
