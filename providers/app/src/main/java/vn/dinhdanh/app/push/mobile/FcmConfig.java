package vn.dinhdanh.app.push.mobile;

/** A realm's FCM settings: its Firebase project and the service account that may send to it. */
record FcmConfig(String projectId, ServiceAccount account) {
}
