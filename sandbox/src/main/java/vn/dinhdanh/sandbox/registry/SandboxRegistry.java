package vn.dinhdanh.sandbox.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import vn.dinhdanh.sandbox.Closer;
import vn.dinhdanh.sandbox.InstanceLock;
import vn.dinhdanh.sandbox.SandboxException;
import vn.dinhdanh.sandbox.postgres.Database;
import vn.dinhdanh.sandbox.postgres.EmbeddedDatabase;

/**
 * The sandbox registry for commands other than {@code up}: the running sandbox's PostgreSQL when
 * {@code up} runs, or the embedded one started for the command's duration (holding the lock, so
 * that no {@code up} starts on the same data meanwhile).
 */
public final class SandboxRegistry implements AutoCloseable {

    private final Closer closer = new Closer();
    private final Database owner;

    private SandboxRegistry(Path dataDirectory) {
        Path postgres = dataDirectory.resolve("postgres");
        Optional<InstanceLock> lock = InstanceLock.tryAcquire(dataDirectory.resolve("up.lock"));
        if (lock.isEmpty()) {
            owner = EmbeddedDatabase.onPort(runningPort(postgres), RegistryDatabase.NAME);
            return;
        }
        closer.register(lock.get());
        try {
            if (!Files.isRegularFile(postgres.resolve("PG_VERSION"))) {
                throw new SandboxException("no sandbox database in " + dataDirectory + " yet; run ./dinhdanh up once first");
            }
            EmbeddedDatabase embedded = closer.register(EmbeddedDatabase.start(postgres));
            owner = embedded.database(RegistryDatabase.NAME);
            RegistryDatabase.migrate(owner);
        } catch (RuntimeException e) {
            closer.close();
            throw e;
        }
    }

    public static SandboxRegistry open(Path dataDirectory) {
        return new SandboxRegistry(dataDirectory);
    }

    /** The registry owner (the sandbox plays the registry operator, who may write). */
    public Database owner() {
        return owner;
    }

    /** PostgreSQL writes its port on line 4 of postmaster.pid. */
    public static int runningPort(Path postgres) {
        try {
            List<String> lines = Files.readAllLines(postgres.resolve("postmaster.pid"));
            return Integer.parseInt(lines.get(3).strip());
        } catch (IOException | RuntimeException e) {
            throw new SandboxException("the running sandbox's PostgreSQL port is unknown (" + postgres.resolve("postmaster.pid")
                    + " unreadable); is ./dinhdanh up still starting?", e);
        }
    }

    @Override
    public void close() {
        closer.close();
    }
}
