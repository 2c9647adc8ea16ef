package vn.dinhdanh.app.push.mobile;

/** A push that could not go out, with a message safe to log (a status, an error code; no token, no key). */
final class PushFailure extends RuntimeException {

    PushFailure(String message) {
        super(message, null, false, false);
    }
}
