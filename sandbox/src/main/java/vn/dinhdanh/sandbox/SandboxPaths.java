package vn.dinhdanh.sandbox;

import java.nio.file.Path;

/** Where the checkout and the sandbox's data are. */
public final class SandboxPaths {

    private SandboxPaths() {
    }

    /** The checkout: {@code -Ddinhdanh.home}, set by the {@code ./dinhdanh} script. */
    public static Path home() {
        return Path.of(System.getProperty("dinhdanh.home", ".")).toAbsolutePath().normalize();
    }

    /** {@code --data-dir}, or {@code .dinhdanh} in the checkout. */
    public static Path data(Path option) {
        return (option != null ? option : home().resolve(".dinhdanh")).toAbsolutePath().normalize();
    }
}
