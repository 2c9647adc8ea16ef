package vn.dinhdanh.app.device;

import java.util.Arrays;
import java.util.Optional;
import org.keycloak.models.UserModel;

/**
 * How a device key was bound to its citizen, which is the most a login with it can prove of who holds it:
 * a one-time code from the police desk after an in-person check ({@link #IN_PERSON}) or a login with the
 * CCCD chip ({@link #CHIP}, the chip's active authentication) bind at level 2; a login by password or by
 * another device ({@link #SESSION}) at level 1. Kept as a user attribute per device (the WebAuthn credential
 * data has no room of its own); logins record it as {@code dinhdanh.auth.device_binding}.
 */
public enum DeviceBinding {

    IN_PERSON("in_person", 2), CHIP("chip", 2), SESSION("session", 1);

    private static final String ATTRIBUTE = "dinhdanh.device.binding.";

    private final String code;
    private final int level;

    DeviceBinding(String code, int level) {
        this.code = code;
        this.level = level;
    }

    public String code() {
        return code;
    }

    /** The identity assurance level a device bound this way can carry. */
    public int level() {
        return level;
    }

    public static Optional<DeviceBinding> ofCode(String code) {
        return Arrays.stream(values()).filter(b -> b.code.equals(code)).findFirst();
    }

    /** Records how device {@code credentialId} (base64, as enrolment answered it) was bound to {@code citizen}. */
    public void recordFor(UserModel citizen, String credentialId) {
        citizen.setSingleAttribute(ATTRIBUTE + credentialId, code);
    }

    /** How the citizen's device was bound; a device enrolled before bindings were recorded was enrolled in person. */
    public static DeviceBinding of(UserModel citizen, String credentialId) {
        return ofCode(citizen.getFirstAttribute(ATTRIBUTE + credentialId)).orElse(IN_PERSON);
    }
}
