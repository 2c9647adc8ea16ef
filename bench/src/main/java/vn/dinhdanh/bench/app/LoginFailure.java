package vn.dinhdanh.bench.app;

/** A login that did not end at the relying party with a code: counted, never retried. Names no citizen. */
final class LoginFailure extends RuntimeException {

    LoginFailure(String message) {
        super(message, null, false, false);
    }
}
