package vn.dinhdanh.sandbox.keycloak;

/** The server runs on the JDK that runs the sandbox, whatever {@code JAVA_HOME} the shell had. */
final class JavaRuntime {

    private JavaRuntime() {
    }

    static ProcessBuilder environment(ProcessBuilder builder) {
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder;
    }
}
