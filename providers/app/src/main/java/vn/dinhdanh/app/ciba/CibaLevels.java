package vn.dinhdanh.app.ciba;

import java.util.List;
import java.util.Map;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.utils.AcrUtils;
import vn.dinhdanh.app.device.DeviceBinding;
import vn.dinhdanh.app.device.Devices;
import vn.dinhdanh.evidence.Evidence;
import vn.dinhdanh.evidence.Factors;
import vn.dinhdanh.evidence.LoginNotes;

/**
 * The level a CIBA request asks, as Keycloak's browser logins read it ({@link AcrUtils#getAcrValues}: the request's
 * {@code acr_values}, else the client's default ACR values, raised to the client's {@code minimum.acr.value}), and
 * whether the citizen's app can give it: the level one approval by one of their devices earns under the rule
 * (providers/evidence {@link Evidence}), before any push.
 */
final class CibaLevels {

    private CibaLevels() {
    }

    /** The ACR values the request stands for, the client's minimum applied (space-separated; null: none). */
    static String effectiveAcr(ClientModel client, String acrValues) {
        List<String> acr = AcrUtils.getAcrValues(null, acrValues == null || acrValues.isBlank() ? null : acrValues.strip(), client);
        return acr.isEmpty() ? null : String.join(" ", acr);
    }

    /** The level asked: the highest Keycloak level among the effective ACR values (0 when none maps). */
    static int asked(ClientModel client, String acrValues) {
        String effective = effectiveAcr(client, acrValues);
        if (effective == null) {
            return 0;
        }
        Map<String, Integer> levels = AcrUtils.getAcrLoaMap(client);
        int asked = 0;
        for (String acr : effective.split("\\s+")) {
            Integer level = levels.get(acr);
            if (level == null && acr.matches("[0-9]{1,2}")) {
                level = Integer.parseInt(acr);
            }
            if (level != null) {
                asked = Math.max(asked, level);
            }
        }
        return asked;
    }

    /** The level one approval by {@code device} earns for {@code citizen}. */
    static int approvalLevel(UserModel citizen, CredentialModel device) {
        String factor = Devices.appAttested(device) ? Factors.APP_KEY : Factors.APP_KEY_UV;
        return Evidence.none().with(factor, DeviceBinding.current(citizen, device.getId()).code()).level(LoginNotes.registryLevel(citizen));
    }

    /** Whether one of {@code devices} can approve at {@code level} or more. */
    static boolean reachable(UserModel citizen, List<CredentialModel> devices, int level) {
        return devices.stream().anyMatch(device -> approvalLevel(citizen, device) >= Math.max(level, 1));
    }
}
