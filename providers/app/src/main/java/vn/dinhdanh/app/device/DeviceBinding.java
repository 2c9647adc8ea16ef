package vn.dinhdanh.app.device;

import java.util.Arrays;
import java.util.Optional;
import org.keycloak.models.UserModel;

/**
 * How a device key was bound to its citizen, which is the most a login with it can prove of who holds it:
 * a one-time code from the police desk after an in-person check ({@link #IN_PERSON}) or a login with the
 * CCCD chip ({@link #CHIP}, the chip's active authentication) bind at level 2; a login by password or by
 * another device ({@link #SESSION}) at level 1. Kept as a user attribute per device, named by the credential's id
 * (the WebAuthn credential data has no room of its own); logins record it as {@code dinhdanh.auth.device_binding}.
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

    /** Records how device {@code deviceId} (the credential's id in Keycloak: a UUID) was bound to {@code citizen}. */
    public void recordFor(UserModel citizen, String deviceId) {
        citizen.setSingleAttribute(ATTRIBUTE + deviceId, code);
    }

    /** How the citizen's device was bound; without a record, the least ({@link #SESSION}): never more than proven. */
    public static DeviceBinding of(UserModel citizen, String deviceId) {
        return ofCode(citizen.getFirstAttribute(ATTRIBUTE + deviceId)).orElse(SESSION);
    }
}
