package vn.dinhdanh.app.push.mobile;

/** A realm's push settings are present but unusable. The message names the attribute, never its value. */
final class InvalidPushConfig extends RuntimeException {

    InvalidPushConfig(String message) {
        super(message, null, false, false);
    }
}
