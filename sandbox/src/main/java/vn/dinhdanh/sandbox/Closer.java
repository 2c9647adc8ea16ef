package vn.dinhdanh.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Closes what was started, newest first, exactly once: on a normal stop, on Ctrl-C and on a failed
 * start alike, so that no half-started server or lock outlives the command.
 */
public final class Closer implements AutoCloseable {

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private boolean closed;

    public synchronized <T extends AutoCloseable> T register(T resource) {
        if (closed) {
            closeQuietly(resource);
            throw new SandboxException("stopping");
        }
        resources.push(resource);
        return resource;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!resources.isEmpty()) {
            closeQuietly(resources.pop());
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            System.err.println("dinhdanh: while stopping: " + e.getMessage());
        }
    }
}
