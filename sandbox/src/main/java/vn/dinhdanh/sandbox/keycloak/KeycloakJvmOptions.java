package vn.dinhdanh.sandbox.keycloak;

import java.util.Map;

/**
 * JVM options every dinhdanh Keycloak runs with, passed as Keycloak's {@code JAVA_OPTS_APPEND}: by the sandbox's
 * nodes (and so the tests' and the benchmarks'), and by the image ({@code docker/Dockerfile}, which Kubernetes runs),
 * where {@code KeycloakJvmOptionsTest} checks that the same value is written.
 */
public final class KeycloakJvmOptions {

    /** Keycloak's variable for options added to its own JVM options. */
    public static final String VARIABLE = "JAVA_OPTS_APPEND";

    /**
     * A password login's argon2 (Keycloak's hash, BouncyCastle's {@code Argon2BytesGenerator}, in Java) cost about
     * twice as much in some JVMs as in others: HotSpot's C2 compiler inlines the mixing function {@code F} into
     * {@code quarterRound} in some processes and not in others. Asked to inline it, every process gets the fast
     * code (docs/benchmarks.md, "argon2 and the JIT"). A compiler hint: the hash and its results are unchanged.
     */
    public static final String VALUE = "-XX:CompileCommand=quiet "
            + "-XX:CompileCommand=inline,org.bouncycastle.crypto.generators.Argon2BytesGenerator::F";

    private KeycloakJvmOptions() {
    }

    /** Puts {@link #VALUE} into {@code environment}'s {@link #VARIABLE}, ahead of any options already there. */
    public static void addTo(Map<String, String> environment) {
        environment.merge(VARIABLE, VALUE, (given, ours) -> ours + " " + given);
    }
}
