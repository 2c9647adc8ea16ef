package vn.dinhdanh.tracker.release;

import java.util.List;
import java.util.Set;
import org.keycloak.OAuth2Constants;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;
import vn.dinhdanh.evidence.LoginNotes;
import vn.dinhdanh.tracker.DataTracker;
import vn.dinhdanh.tracker.Release;
import vn.dinhdanh.tracker.chain.Channel;

/**
 * Records what an OIDC relying party receives. Why a protocol mapper and not an event listener: Keycloak's
 * CODE_TO_TOKEN / REFRESH_TOKEN / USER_INFO_REQUEST events carry ids and the scope, not the claims, so a listener
 * could only guess the items again from configuration; a mapper is handed the very token after the other mappers
 * (its priority is the highest, so it runs last) and runs in the request, so the row joins the request's transaction
 * (see {@code PendingReleases}). It changes nothing in the token. It must be on every client that can release
 * citizens' data (realm-config: in each client's protocol mappers); two copies on one client still record one row.
 *
 * <p>Only real releases count: tokens built for the admin console's "evaluate" tab or for service accounts
 * (no citizen) are not recorded.
 */
public final class OidcReleaseMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper {

    public static final String ID = "dinhdanh-data-tracker";
    private static final String CIBA_GRANT = "urn:openid:params:grant-type:ciba";

    @Override
    public IDToken transformIDToken(IDToken token, ProtocolMapperModel model, KeycloakSession session,
                                    UserSessionModel userSession, ClientSessionContext ctx) {
        record(session, userSession, ctx, channel(session), token, token.getAcr());
        return token;
    }

    @Override
    public AccessToken transformAccessToken(AccessToken token, ProtocolMapperModel model, KeycloakSession session,
                                            UserSessionModel userSession, ClientSessionContext ctx) {
        record(session, userSession, ctx, channel(session), token, token.getAcr());
        return token;
    }

    @Override
    public AccessToken transformUserInfoToken(AccessToken token, ProtocolMapperModel model, KeycloakSession session,
                                              UserSessionModel userSession, ClientSessionContext ctx) {
        // Keycloak's userinfo answer always has "sub" (TokenManager.generateUserInfoClaims: the token's subject, or
        // the user id when no mapper set one), so it is released even when this token carries none yet.
        record(session, userSession, ctx, Channel.USERINFO, token, token.getAcr(), "sub");
        return token;
    }

    private static void record(KeycloakSession session, UserSessionModel userSession, ClientSessionContext ctx,
                               Channel channel, Object token, String acr, String... alwaysReleased) {
        if (channel == null || userSession == null || userSession.getUser() == null
                || userSession.getUser().getServiceAccountClientLink() != null) {
            return;
        }
        session.getProvider(DataTracker.class).record(release(userSession, ctx, channel)
                .items(ReleasedItems.of(token)).items(List.of(alwaysReleased)).acr(acr));
    }

    private static Release release(UserSessionModel userSession, ClientSessionContext ctx, Channel channel) {
        var clientSession = ctx.getClientSession();
        return new Release(userSession.getRealm().getId(), clientSession.getClient().getClientId(), userSession.getUser().getId(),
                channel).loa(clientSession.getNote(Constants.LEVEL_OF_AUTHENTICATION)).method(LoginNotes.method(userSession))
                // A CIBA approval is no browser login: the app's channel leaves the method in the grant's client notes.
                .method(LoginNotes.cibaMethod(clientSession));
    }

    /** Which release this token is part of, from the endpoint serving the request; null when none (admin evaluation). */
    static Channel channel(KeycloakSession session) {
        String path = session.getContext().getUri().getPath();
        if (path.contains("/admin/")) {
            return null;
        }
        if (path.endsWith("/protocol/openid-connect/token")) {
            String grant = session.getContext().getHttpRequest().getDecodedFormParameters().getFirst(OAuth2Constants.GRANT_TYPE);
            if (OAuth2Constants.REFRESH_TOKEN.equals(grant)) {
                return Channel.REFRESH;
            }
            return CIBA_GRANT.equals(grant) ? Channel.CIBA_TOKEN : Channel.TOKEN;
        }
        // Implicit and hybrid flows hand tokens out at the end of the login itself.
        return path.contains("/protocol/openid-connect/") || path.contains("/login-actions/") ? Channel.TOKEN : null;
    }

    @Override
    public int getPriority() {
        return Integer.MAX_VALUE; // last: sees every claim the other mappers set
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getDisplayType() {
        return "dinhdanh data tracker";
    }

    @Override
    public String getHelpText() {
        return "Records every token and userinfo answer given to this client (claims released, level, method) in the"
                + " data tracker. Changes nothing in the token.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
