package vn.dinhdanh.sandbox;

/**
 * A failure the person at the terminal can act on. Its message is printed as one line, without a
 * stack trace, so it must say what went wrong and what to do, and must never carry a secret.
 */
public class SandboxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
