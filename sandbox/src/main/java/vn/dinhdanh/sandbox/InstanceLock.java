package vn.dinhdanh.sandbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One running sandbox per data directory. An OS file lock, not a marker file: it is released when
 * the process dies, however it dies, so a crash never leaves the sandbox "already running".
 */
public final class InstanceLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Thrown when a running sandbox holds the lock. */
    public static final class HeldException extends SandboxException {
        private static final long serialVersionUID = 1L;

        HeldException(String message) {
            super(message);
        }
    }

    /** The lock, or empty when a running sandbox holds it. */
    public static java.util.Optional<InstanceLock> tryAcquire(Path lockFile) {
        try {
            return java.util.Optional.of(acquire(lockFile));
        } catch (HeldException e) {
            return java.util.Optional.empty();
        }
    }

    public static InstanceLock acquire(Path lockFile) {
        try {
            Files.createDirectories(lockFile.getParent());
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very process
            }
            if (lock == null) {
                String holder = new String(Files.readAllBytes(lockFile), StandardCharsets.UTF_8).trim();
                channel.close();
                throw new HeldException("dinhdanh is already running from " + lockFile.getParent()
                        + (holder.isEmpty() ? "" : " (pid " + holder + ")") + "; stop it first (Ctrl-C in its terminal)");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(
                    String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
            return new InstanceLock(channel, lock);
        } catch (IOException e) {
            throw new SandboxException("cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.truncate(0);
        lock.release();
        channel.close();
    }
}
