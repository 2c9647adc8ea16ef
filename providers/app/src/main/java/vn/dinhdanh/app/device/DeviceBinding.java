package vn.dinhdanh.app.device;

import java.util.Arrays;
import java.util.Optional;
import org.keycloak.models.UserModel;
import vn.dinhdanh.evidence.DeviceBindings;
import vn.dinhdanh.evidence.LoginNotes;

/**
 * How a device key was bound to its citizen, which is the most a login with it can prove of who holds it: a device
 * carries the level of what bound it, never more (the codes and their levels: providers/evidence {@link DeviceBindings}).
 * A one-time code from the police desk after an in-person check ({@link #IN_PERSON}) or a login that itself earned
 * level 2 ({@link #LEVEL_TWO_LOGIN}: chip and password, or a level-2 device with user verification) bind at level 2;
 * any other login ({@link #SESSION}: password, chip alone, a level-1 device) at level 1. {@link #CHIP}, the former
 * binding of a chip-only login, is only read, as level 1. Kept as a user attribute per device, named by the
 * credential's id (the WebAuthn credential data has no room of its own); logins record it as
 * {@code dinhdanh.auth.device_binding}.
 */
public enum DeviceBinding {

    IN_PERSON(DeviceBindings.IN_PERSON), LEVEL_TWO_LOGIN(DeviceBindings.LEVEL_TWO_LOGIN), SESSION(DeviceBindings.SESSION),
    /** Stored by earlier versions for a chip-only login; read as level 1 (a read rule: the records stay as they were). */
    CHIP(DeviceBindings.CHIP);

    private static final String ATTRIBUTE = "dinhdanh.device.binding.";

    private final String code;

    DeviceBinding(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The identity assurance level a device bound this way can carry. */
    public int level() {
        return DeviceBindings.level(code);
    }

    /** The binding of a device enrolled from a login that earned {@code loginLevel}. */
    public static DeviceBinding forLogin(int loginLevel) {
        return ofCode(DeviceBindings.forLogin(loginLevel)).orElse(SESSION);
    }

    public static Optional<DeviceBinding> ofCode(String code) {
        return Arrays.stream(values()).filter(b -> b.code.equals(code)).findFirst();
    }

    /** Records how device {@code deviceId} (the credential's id in Keycloak: a UUID) was bound to {@code citizen}. */
    public void recordFor(UserModel citizen, String deviceId) {
        if (this == CHIP) {
            throw new IllegalStateException("no device is bound by a chip-only login at its own binding any more");
        }
        citizen.setSingleAttribute(ATTRIBUTE + deviceId, code);
    }

    /** How the citizen's device was bound; without a record, the least ({@link #SESSION}): never more than proven. */
    public static DeviceBinding of(UserModel citizen, String deviceId) {
        return ofCode(citizen.getFirstAttribute(ATTRIBUTE + deviceId)).orElse(SESSION);
    }

    /**
     * What the device's approval counts for now: its binding, except that a device following a card that is no longer
     * the registry's newest ({@link FollowedCard}) counts as {@link #SESSION} at once, whether or not the change feed
     * has lowered its record yet (the registry's citizen is read live).
     */
    public static DeviceBinding current(UserModel citizen, String deviceId) {
        DeviceBinding binding = of(citizen, deviceId);
        boolean cardReplaced = FollowedCard.of(citizen, deviceId).filter(card -> !card.equals(LoginNotes.newestCard(citizen))).isPresent();
        return binding.level() >= 2 && cardReplaced ? SESSION : binding;
    }
}
