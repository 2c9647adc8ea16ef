package vn.dinhdanh.claims;

import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.PairwiseSubMapperHelper;
import org.keycloak.protocol.oidc.mappers.SHA256PairwiseSubMapper;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;
import org.keycloak.representations.LogoutToken;

/**
 * Keycloak's SHA-256 pairwise subject (same hash, same salt configuration, same value wherever Keycloak's mapper
 * has a sector), with a sector for every client ({@link PairwiseSector}). Client scope {@code pairwise_subject}
 * of the realm file: a default scope, so a new relying party never sees the real user id. Service accounts (client
 * credentials) keep their own id.
 */
public final class SectorPairwiseSubMapper extends SHA256PairwiseSubMapper {

    /** Makes the provider id {@code oidc-dinhdanh-sha256-pairwise-sub-mapper}. */
    public static final String ID_PREFIX = "dinhdanh-sha256";

    @Override
    public String getIdPrefix() {
        return ID_PREFIX;
    }

    @Override
    public String getDisplayType() {
        return "Pairwise subject identifier (every client has a sector)";
    }

    @Override
    public String getHelpText() {
        return "Keycloak's salted SHA-256 pairwise subject; a client without a single redirect host gets the sector client:<clientId>.";
    }

    private String sub(ProtocolMapperModel mapping, ClientSessionContext context, UserSessionModel userSession) {
        if (userSession.getUser().getServiceAccountClientLink() != null) {
            // A client's own service account is no person: its real id (a UUID) stays, as Keycloak finds the
            // account of a client-credentials token by its sub (a pairwise one would be refused as unknown).
            return userSession.getUser().getId();
        }
        ClientModel client = context.getClientSession().getClient();
        String sector = PairwiseSector.of(PairwiseSubMapperHelper.getSectorIdentifierUri(mapping), client.getRootUrl(),
                client.getRedirectUris(), client.getClientId());
        requireSalt(PairwiseSubMapperHelper.getSalt(mapping));
        return generateSub(mapping, sector, userSession.getUser().getId());
    }

    /**
     * Refuses a salt left as the realm file's placeholder (DINHDANH_PAIRWISE_SALT not set at import): a salt anyone
     * can read would let a relying party that knows a citizen's ID number compute that citizen's sub at any other
     * relying party. Failing the token request is better than releasing linkable subjects.
     */
    static void requireSalt(String salt) {
        if (salt == null || salt.isBlank() || salt.startsWith("${")) {
            throw new IllegalStateException("pairwise subject salt not set: import the realm with DINHDANH_PAIRWISE_SALT (docs/claims.md)");
        }
    }

    @Override
    public IDToken transformIDToken(IDToken token, ProtocolMapperModel mapping, KeycloakSession session,
                                    UserSessionModel userSession, ClientSessionContext context) {
        setIDTokenSubject(token, sub(mapping, context, userSession));
        return token;
    }

    @Override
    public AccessToken transformAccessToken(AccessToken token, ProtocolMapperModel mapping, KeycloakSession session,
                                            UserSessionModel userSession, ClientSessionContext context) {
        setAccessTokenSubject(token, sub(mapping, context, userSession));
        return token;
    }

    @Override
    public AccessToken transformIntrospectionToken(AccessToken token, ProtocolMapperModel mapping, KeycloakSession session,
                                                   UserSessionModel userSession, ClientSessionContext context) {
        setAccessTokenSubject(token, sub(mapping, context, userSession));
        return token;
    }

    @Override
    public LogoutToken transformLogoutToken(LogoutToken token, ProtocolMapperModel mapping, KeycloakSession session,
                                            UserSessionModel userSession, ClientSessionContext context) {
        setLogoutTokenSubject(token, sub(mapping, context, userSession));
        return token;
    }

    @Override
    public AccessToken transformUserInfoToken(AccessToken token, ProtocolMapperModel mapping, KeycloakSession session,
                                              UserSessionModel userSession, ClientSessionContext context) {
        setUserInfoTokenSubject(token, sub(mapping, context, userSession));
        return token;
    }
}
