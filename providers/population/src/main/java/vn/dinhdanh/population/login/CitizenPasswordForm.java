package vn.dinhdanh.population.login;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordForm;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import vn.dinhdanh.evidence.Factors;
import vn.dinhdanh.evidence.LoginNotes;
import vn.dinhdanh.evidence.Methods;
import vn.dinhdanh.population.registry.LoginRefusal;
import vn.dinhdanh.population.registry.RegistryUnavailableException;
import vn.dinhdanh.population.storage.CitizenStatus;

/**
 * Keycloak's username and password form, with the registry's say: once the password is right, a
 * citizen the registry refuses (deceased, blocked, card revoked or lost, ...) gets the specific,
 * translated reason, and the event carries {@code reason=<code>}. A registry that cannot answer
 * refuses too ({@code registry_unavailable}): never a stale allow.
 */
public final class CitizenPasswordForm extends UsernamePasswordForm {

    static final String REGISTRY_UNAVAILABLE_MESSAGE = "dinhdanh.population." + RegistryUnavailableException.CODE;

    CitizenPasswordForm(KeycloakSession session) {
        super(session);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        try {
            super.action(context);
        } catch (RuntimeException e) {
            if (!causedByRegistry(e)) {
                throw e;
            }
            refuse(context, null, RegistryUnavailableException.CODE, REGISTRY_UNAVAILABLE_MESSAGE);
        }
    }

    /**
     * A right password records the login's method in the session, as the chip and the app do theirs: a session
     * that logged in with the chip before keeps no "chip" note through a later password login (re-authentication
     * reuses the user session), so nothing built on the note (device binding, assurance level) over-trusts it.
     */
    @Override
    protected boolean validateForm(AuthenticationFlowContext context, MultivaluedMap<String, String> formData) {
        if (!super.validateForm(context, formData)) {
            return false;
        }
        LoginNotes.record(context.getAuthenticationSession(), Methods.PASSWORD, Factors.PASSWORD, null);
        return true;
    }

    @Override
    public boolean enabledUser(AuthenticationFlowContext context, UserModel user) {
        Optional<LoginRefusal> refusal;
        try {
            refusal = CitizenStatus.refusal(context.getSession(), context.getRealm(), user);
        } catch (RegistryUnavailableException e) {
            refuse(context, user, RegistryUnavailableException.CODE, REGISTRY_UNAVAILABLE_MESSAGE);
            return false;
        }
        if (refusal.isPresent()) {
            refuse(context, user, refusal.get().code(), refusal.get().messageKey());
            return false;
        }
        return super.enabledUser(context, user);
    }

    private void refuse(AuthenticationFlowContext context, UserModel user, String reason, String message) {
        if (user != null) {
            context.getEvent().user(user);
        }
        context.getEvent().detail(Details.REASON, reason).error(Errors.USER_DISABLED);
        // As Keycloak does for disabled users: not a failed credential, so no brute-force count (which
        // would also look the user up again, in a transaction the failed registry query has aborted).
        context.forceChallenge(challenge(context, message));
    }

    private static boolean causedByRegistry(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RegistryUnavailableException) {
                return true;
            }
        }
        return false;
    }
}
