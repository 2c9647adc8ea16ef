package vn.dinhdanh.evidence;

import java.util.List;

/**
 * The factor names a login method records ({@link LoginNotes#FACTORS}) and the level rule ({@link Evidence}) counts:
 * the only place they are spelled.
 */
public final class Factors {

    /** The citizen's password: something they know. */
    public static final String PASSWORD = "password";
    /** The CCCD chip's active authentication: a key the card holds, verified against the card's signed data. */
    public static final String CHIP_AA = "chip_aa";
    /** An app device key whose signature proved user verification (PIN or biometrics on the phone). */
    public static final String APP_KEY_UV = "app_key_uv";
    /** An app device key without proven user verification (an iOS App Attest key). */
    public static final String APP_KEY = "app_key";

    /** Every factor the rule knows, in a stable order (tables and exhaustive tests walk it). */
    public static final List<String> ALL = List.of(PASSWORD, CHIP_AA, APP_KEY_UV, APP_KEY);

    private Factors() {
    }
}
