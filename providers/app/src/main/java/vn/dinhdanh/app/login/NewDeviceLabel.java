package vn.dinhdanh.app.login;

import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Moving to a new phone: the new phone logs in to the app's own client with {@code device_label=<its label>} in the
 * authorization request, the old phone's push (or QR scan) shows "new device: <label>" before the citizen approves,
 * and the approval records the label in the user session. A device enrolled from that login is bound at level 2 only
 * under that label ({@code EnrolmentResource}): the approving citizen saw which device they let in.
 */
public final class NewDeviceLabel {

    /** The authorization request parameter (Keycloak keeps unknown parameters as client notes). */
    public static final String PARAMETER = "device_label";
    /** User-session note: the label the approving device showed, empty when none. */
    public static final String NOTE = "dinhdanh.app.new_device_label";

    private NewDeviceLabel() {
    }

    /** The label the login announces, when it is the app's own client's and well formed (1 to 64 characters); else null. */
    static String announced(AuthenticationSessionModel authSession, String appClientId) {
        if (!appClientId.equals(authSession.getClient().getClientId())) {
            return null;
        }
        String label = authSession.getClientNote(AuthorizationEndpoint.LOGIN_SESSION_NOTE_ADDITIONAL_REQ_PARAMS_PREFIX + PARAMETER);
        label = label == null ? "" : label.strip();
        return label.isEmpty() || label.length() > 64 || label.chars().anyMatch(Character::isISOControl) ? null : label;
    }

    /** The message the approving device shows for a login that announces {@code label}. */
    static String message(String label) {
        return label == null ? null : "Thiết bị mới · New device: " + label;
    }

    /** The label the approving device showed for the session's last app login; null when none. */
    public static String approved(UserSessionModel userSession) {
        String label = userSession == null ? null : userSession.getNote(NOTE);
        return label == null || label.isEmpty() ? null : label;
    }
}
