package vn.dinhdanh.app.device;

import java.util.Optional;
import org.keycloak.models.UserModel;
import vn.dinhdanh.evidence.LoginNotes;

/**
 * The registry card a device bound by a level-2 login follows: the citizen's newest card when that login earned level 2
 * ({@link LoginNotes#card}: number and issue day). A chip in that login was that card, or the login's level-2 device
 * followed it; when the registry's newest card is another, the device drops to level 1 ({@link CardFollower}), however
 * late the registry recorded the new card. Kept as a user attribute per device, named by the credential's id, beside
 * its {@link DeviceBinding}; a device bound before the card was kept has none (the new card's issue day decides).
 */
public final class FollowedCard {

    private static final String ATTRIBUTE = "dinhdanh.device.card.";

    private FollowedCard() {
    }

    /** Records that device {@code deviceId} of {@code citizen} follows {@code card}. */
    public static void recordFor(UserModel citizen, String deviceId, String card) {
        citizen.setSingleAttribute(ATTRIBUTE + deviceId, card);
    }

    /** The card the device follows; empty for a device bound before it was kept, or by the police desk. */
    public static Optional<String> of(UserModel citizen, String deviceId) {
        return Optional.ofNullable(citizen.getFirstAttribute(ATTRIBUTE + deviceId)).filter(card -> !card.isEmpty());
    }
}
