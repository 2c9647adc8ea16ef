package vn.dinhdanh.app.device;

import java.util.Optional;
import org.keycloak.models.UserModel;
import vn.dinhdanh.evidence.LoginNotes;

/**
 * The registry card a device bound by a level-2 login follows ({@link LoginNotes#card}: number and issue day): the card
 * that login's chip was, or the card its approving device follows, else the registry's newest at the login. When the
 * registry's newest card is another, the device counts as level 1 at once ({@link DeviceBinding#current}) and its record
 * is lowered by the change feed ({@link CardFollower}), however late the registry recorded the new card. Kept as a user
 * attribute per device, named by the credential's id, beside its {@link DeviceBinding}; a device bound at the police
 * desk, or before the card was kept, has none (the new card's issue day decides).
 */
public final class FollowedCard {

    private static final String ATTRIBUTE = "dinhdanh.device.card.";

    private FollowedCard() {
    }

    /** Records that device {@code deviceId} of {@code citizen} follows {@code card}. */
    public static void recordFor(UserModel citizen, String deviceId, String card) {
        citizen.setSingleAttribute(ATTRIBUTE + deviceId, card);
    }

    /** The card the device follows; empty for a device bound at the police desk, or before the card was kept. */
    public static Optional<String> of(UserModel citizen, String deviceId) {
        return Optional.ofNullable(citizen.getFirstAttribute(ATTRIBUTE + deviceId)).filter(card -> !card.isEmpty());
    }
}
