package vn.dinhdanh.assurance;

import vn.dinhdanh.evidence.Evidence;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.protocol.LoginProtocol;

/**
 * Level 2 cannot be given: the citizen reads why (a translated page), then goes back to the relying party with
 * the protocol's standard answer for an unmet level — Keycloak's {@code LOA_INVALID}: OIDC {@code access_denied},
 * SAML {@code NoAuthnContext}. Never a token or assertion at a lower level than asked.
 */
final class LevelRefusal {

    static final String TEMPLATE = "dinhdanh-level-2.ftl";
    static final String RETURN_PARAM = "dinhdanh-return";

    private LevelRefusal() {
    }

    static void show(AuthenticationFlowContext context, Evidence.Shortfall shortfall) {
        context.getEvent().detail(Details.REASON, "loa_" + shortfall.code()).error(Errors.ACCESS_DENIED);
        StepUpReason.end(context.getAuthenticationSession()); // this page gives its own reason
        Response page = context.form()
                .setAttribute("assuranceShortfall", shortfall.code())
                .setAttribute("assuranceClient", clientName(context))
                .createForm(TEMPLATE);
        context.forceChallenge(page);
    }

    /** The page's one button: back to the relying party with the standard error (as Keycloak's cancelLogin does). */
    static void returnToClient(AuthenticationFlowContext context) {
        LoginProtocol protocol = context.getSession().getProvider(LoginProtocol.class, context.getAuthenticationSession().getProtocol());
        protocol.setRealm(context.getRealm())
                .setHttpHeaders(context.getHttpRequest().getHttpHeaders())
                .setUriInfo(context.getUriInfo())
                .setEventBuilder(context.getEvent());
        context.forceChallenge(protocol.sendError(context.getAuthenticationSession(), LoginProtocol.Error.LOA_INVALID,
                "The requested level of assurance cannot be reached for this user"));
    }

    static boolean returning(AuthenticationFlowContext context) {
        return context.getHttpRequest().getDecodedFormParameters().containsKey(RETURN_PARAM);
    }

    private static String clientName(AuthenticationFlowContext context) {
        var client = context.getAuthenticationSession().getClient();
        return client.getName() != null && !client.getName().isBlank() ? client.getName() : client.getClientId();
    }
}
