package vn.dinhdanh.app.device;

import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;
import org.jboss.logging.Logger;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import vn.dinhdanh.evidence.LoginNotes;
import vn.dinhdanh.population.freshness.CitizenChanged;
import vn.dinhdanh.population.registry.CitizenRecord;
import vn.dinhdanh.population.registry.LoginRefusal;

/**
 * A device follows its card and its citizen. On every registry change of a citizen ({@link CitizenChanged},
 * published once cluster-wide by the population module's change feed, in the transaction that moves the feed):
 * <ul>
 *   <li>the citizen deceased or blocked, the newest card lost or revoked: every device is removed, each told by
 *       push first ({@link DeviceNotices#removedByRegistry}, reason = the registry's code), the removal recorded;</li>
 *   <li>the record inconsistent (number vs sex or birth year): devices drop to level 1 (logins are refused anyway
 *       until the registry is corrected; a clerical error should not cost a visit to the police desk for a new
 *       binding, but nothing bound under a record in doubt keeps level 2);</li>
 *   <li>the card replaced (the newest card is marked replaced, or is another than the device's): level-2 devices
 *       drop to level 1 until bound again (a police desk code, or a level-2 login with the new card). A device bound by
 *       a level-2 login follows the card that login earned it under ({@link FollowedCard}): it drops as soon as the
 *       registry's newest card is another, however late the registry recorded it (a login with the old card after
 *       the new one was issued). A device bound at the police desk, or before the card was kept, drops when bound
 *       before the newest card's issue day ended; issue dates are days, so a device bound on the issue day itself is
 *       lowered too: a needless re-binding on that one day rather than a device of the old card keeping level 2.</li>
 * </ul>
 * The outcome depends on the registry's state only, so an entry read twice (at-least-once) changes nothing more.
 */
public final class CardFollower {

    private static final Logger LOG = Logger.getLogger(CardFollower.class);

    private CardFollower() {
    }

    /** The session factory's listener: {@code factory.register(CardFollower::onEvent)}. */
    public static void onEvent(ProviderEvent event) {
        if (event instanceof CitizenChanged change) {
            follow(change);
        }
    }

    static void follow(CitizenChanged change) {
        UserModel citizen = change.citizen();
        List<CredentialModel> devices = citizen.credentialManager()
                .getStoredCredentialsByTypeStream(DeviceCredentialProvider.TYPE).toList();
        if (devices.isEmpty()) {
            return;
        }
        LoginRefusal refusal = change.refusal().orElse(null);
        if (refusal == LoginRefusal.CITIZEN_DECEASED || refusal == LoginRefusal.CITIZEN_BLOCKED
                || refusal == LoginRefusal.CARD_LOST || refusal == LoginRefusal.CARD_REVOKED) {
            remove(change, devices, refusal.code());
        } else if (refusal == LoginRefusal.RECORD_INCONSISTENT) {
            lower(change, devices, refusal.code(), device -> true);
        } else {
            CitizenRecord.Card card = change.record().card();
            if (card != null && card.status() == CitizenRecord.CardStatus.REPLACED) {
                lower(change, devices, "card_replaced", device -> true);
            } else {
                String newest = card == null ? LoginNotes.NO_CARD : LoginNotes.card(card.cardNumber(), card.issueDate().toString());
                lower(change, devices, "card_replaced", device -> FollowedCard.of(citizen, device.getId())
                        .map(followed -> !followed.equals(newest))
                        // Issue dates are days: a device bound on the new card's issue day is bound again (the safe side).
                        .orElseGet(() -> card != null && boundBefore(device, card.issueDayEnd().toEpochMilli())));
            }
        }
    }

    private static boolean boundBefore(CredentialModel device, long instant) {
        Long created = device.getCreatedDate();
        return created == null || created < instant;
    }

    private static void remove(CitizenChanged change, List<CredentialModel> devices, String reason) {
        DeviceNotices notices = new DeviceNotices(change.session(), change.realm(), Clock.systemUTC());
        for (CredentialModel device : devices) {
            notices.removedByRegistry(change.citizen(), device, reason);
        }
        for (CredentialModel device : devices) {
            change.citizen().credentialManager().removeStoredCredentialById(device.getId());
        }
        LOG.infof("registry change %d: %d device(s) removed (%s)", change.position(), devices.size(), reason);
    }

    /** Level-2 devices that {@code outdated} accepts drop to level 1. */
    private static void lower(CitizenChanged change, List<CredentialModel> devices, String reason, Predicate<CredentialModel> outdated) {
        int lowered = 0;
        for (CredentialModel device : devices) {
            DeviceBinding binding = DeviceBinding.of(change.citizen(), device.getId());
            if (binding.level() >= 2 && outdated.test(device)) {
                DeviceBinding.SESSION.recordFor(change.citizen(), device.getId());
                new EventBuilder(change.realm(), change.session(), change.session().getContext().getConnection())
                        .event(EventType.UPDATE_CREDENTIAL).user(change.citizen())
                        .detail("credential_type", DeviceCredentialProvider.TYPE).detail("device_notice", "device_level_lowered")
                        .detail("device_label", device.getUserLabel() == null ? "" : device.getUserLabel())
                        .detail("device_binding", DeviceBinding.SESSION.code()).detail("reason", reason).success();
                lowered++;
            }
        }
        if (lowered > 0) {
            LOG.infof("registry change %d: %d device(s) back to level 1 (%s)", change.position(), lowered, reason);
        }
    }
}
