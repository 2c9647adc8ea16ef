package vn.dinhdanh.app.push;

import java.util.Locale;
import java.util.Optional;
import org.keycloak.models.UserModel;

/**
 * Where each of a citizen's devices receives pushes, as its app last registered it ({@code POST /app/push-token}):
 * a user attribute per device ({@code dinhdanh.device.push.<device id>}, the credential's id in Keycloak, = {@code fcm:<token>} or
 * {@code apns:<token>}), in Keycloak's federated storage for registry citizens. Tokens rotate: the app registers
 * the new one, which replaces the old.
 */
public final class PushTargets {

    private static final String ATTRIBUTE = "dinhdanh.device.push.";
    /** FCM registration tokens are about 160 characters, APNs device tokens 64 hex digits; room to spare. */
    static final int MAX_TOKEN_LENGTH = 4096;

    private PushTargets() {
    }

    /** The target of {@code platform} ("fcm" or "apns") and {@code token}, if both are acceptable. */
    public static Optional<PushTarget> parse(String platform, String token) {
        if (platform == null || token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH
                || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return Optional.empty();
        }
        return switch (platform.toLowerCase(Locale.ROOT)) {
            case "fcm" -> Optional.of(new PushTarget(PushTarget.Platform.FCM, token));
            case "apns" -> token.matches("[0-9a-fA-F]{64,200}") ? Optional.of(new PushTarget(PushTarget.Platform.APNS, token)) : Optional.empty();
            default -> Optional.empty();
        };
    }

    public static void register(UserModel citizen, String deviceId, PushTarget target) {
        citizen.setSingleAttribute(ATTRIBUTE + deviceId, target.platform().name().toLowerCase(Locale.ROOT) + ":" + target.token());
    }

    /** The device's target; empty when its app registered none (it fetches its challenges itself). */
    public static Optional<PushTarget> of(UserModel citizen, String deviceId) {
        String value = citizen.getFirstAttribute(ATTRIBUTE + deviceId);
        int colon = value == null ? -1 : value.indexOf(':');
        return colon < 0 ? Optional.empty() : parse(value.substring(0, colon), value.substring(colon + 1));
    }
}
