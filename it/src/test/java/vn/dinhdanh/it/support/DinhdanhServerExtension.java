package vn.dinhdanh.it.support;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link ServerUnderTest}, started once for the whole run and stopped at its end, and the
 * {@link ImportedRealm} as it was before any test ran.
 * {@code -Ddinhdanh.it.target=container} runs the same tests against the container image (skipped
 * where no Docker engine runs); the default is the distribution, which needs no Docker.
 */
public final class DinhdanhServerExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ServerUnderTest.class || parameter.getParameter().getType() == ImportedRealm.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        String target = System.getProperty("dinhdanh.it.target", "distribution");
        if (target.equals("container")) {
            ContainerServer.assumeDocker();
        }
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(getClass()));
        Started started = store.getOrComputeIfAbsent("server", key -> new Started(target), Started.class);
        return parameter.getParameter().getType() == ImportedRealm.class ? started.importedRealm() : started.server();
    }

    /** Starts once; a failed start is remembered, so the next tests fail at once instead of retrying. */
    private static final class Started implements AutoCloseable {

        private final ServerUnderTest server;
        private final ImportedRealm importedRealm;
        private final RuntimeException failure;

        Started(String target) {
            ServerUnderTest started = null;
            ImportedRealm imported = null;
            RuntimeException failed = null;
            try {
                started = switch (target) {
                    case "distribution" -> new DistributionServer();
                    case "container" -> new ContainerServer();
                    default -> throw new IllegalArgumentException(
                            "dinhdanh.it.target must be distribution or container, not " + target);
                };
                imported = ImportedRealm.of(started);
            } catch (RuntimeException e) {
                failed = e;
            }
            this.server = started;
            this.importedRealm = imported;
            this.failure = failed;
        }

        ImportedRealm importedRealm() {
            server();
            return importedRealm;
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
