package vn.dinhdanh.it.support;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link ClusterUnderTest}: two nodes and HAProxy, started once for every cluster test of the run
 * and stopped at its end. A test that kills or stops a node starts it again before it ends, so the next test
 * meets the whole cluster.
 */
public final class DinhdanhClusterExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ClusterUnderTest.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(getClass()));
        return store.getOrComputeIfAbsent("cluster", key -> new Started(), Started.class).cluster();
    }

    /** Starts once; a failed start is remembered, so the next tests fail at once instead of retrying. */
    private static final class Started implements AutoCloseable {

        private final ClusterServer cluster;
        private final RuntimeException failure;

        Started() {
            ClusterServer started = null;
            RuntimeException failed = null;
            try {
                started = new ClusterServer();
            } catch (RuntimeException e) {
                failed = e;
            }
            this.cluster = started;
            this.failure = failed;
        }

        ClusterUnderTest cluster() {
            if (failure != null) {
                throw new IllegalStateException("the cluster under test did not start: " + failure.getMessage(), failure);
            }
            return cluster;
        }

        @Override
        public void close() {
            if (cluster != null) {
                cluster.close();
            }
        }
    }
}
