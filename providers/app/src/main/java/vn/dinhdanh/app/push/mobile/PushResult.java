package vn.dinhdanh.app.push.mobile;

/** What the push service answered: the HTTP status and, for a refusal, its error code (e.g. {@code UNREGISTERED}). */
record PushResult(int status, String reason) {

    boolean accepted() {
        return status / 100 == 2;
    }
}
