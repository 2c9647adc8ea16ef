package vn.dinhdanh.evidence;

/** The login method names recorded in {@link LoginNotes#METHOD} (audit, data tracker, amr): spelled only here. */
public final class Methods {

    public static final String PASSWORD = "password";
    public static final String CHIP = "chip";
    /** The VNeID app, by a push to the citizen's devices. */
    public static final String APP = "app";
    /** The VNeID app, by scanning the login page's QR code. */
    public static final String APP_QR = "app_qr";

    private Methods() {
    }
}
