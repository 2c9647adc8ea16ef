package vn.dinhdanh.population.registry;

/**
 * The registry could not answer. Logins fail closed on it ({@code registry_unavailable}): never a
 * stale allow. The message carries the driver's reason, which names no citizen.
 */
public final class RegistryUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public static final String CODE = "registry_unavailable";

    public RegistryUnavailableException(Throwable cause) {
        super(CODE + ": " + cause.getMessage(), cause);
    }
}
