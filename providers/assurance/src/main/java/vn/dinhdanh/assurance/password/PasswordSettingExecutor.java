package vn.dinhdanh.assurance.password;

import org.keycloak.OAuthErrorException;
import org.keycloak.models.UserModel;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.AuthorizationRequestContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

/**
 * A password is set or changed only through the realm's reset-credentials flow ("Quên mật khẩu / Tạo mật khẩu"),
 * which asks level-2 proof first (the VNeID app on a device bound at level 2, with user verification). Keycloak's
 * application-initiated action {@code kc_action=UPDATE_PASSWORD} (the account console's "set up / update password")
 * asks nothing but a fresh login, and a login by the chip card alone is one factor: a found card would set a password,
 * and card + that password would then make level 2. So that action is refused at the authorization request.
 */
final class PasswordSettingExecutor implements ClientPolicyExecutorProvider<ClientPolicyExecutorConfigurationRepresentation> {

    static final String REFUSAL = "password_needs_level_2: set or change the password with \"Quên mật khẩu / Tạo mật khẩu\" "
            + "on the login page, which asks for the VNeID app on a level-2 device";

    @Override
    public String getProviderId() {
        return PasswordSettingExecutorFactory.PROVIDER_ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        if (context.getEvent() != ClientPolicyEvent.AUTHORIZATION_REQUEST) {
            return;
        }
        AuthorizationRequestContext request = (AuthorizationRequestContext) context;
        String action = request.getAuthorizationEndpointRequest().getAction();
        if (action != null && action.equalsIgnoreCase(UserModel.RequiredAction.UPDATE_PASSWORD.name())) {
            throw new ClientPolicyException(OAuthErrorException.INVALID_REQUEST, REFUSAL);
        }
    }
}
