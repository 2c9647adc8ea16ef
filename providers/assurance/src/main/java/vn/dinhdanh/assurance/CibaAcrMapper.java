package vn.dinhdanh.assurance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.grants.ciba.CibaGrantType;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.utils.AcrUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;
import vn.dinhdanh.evidence.Evidence;
import vn.dinhdanh.evidence.LoginNotes;

/**
 * {@code acr} of tokens from a CIBA request, which Keycloak's CIBA grant issues without any level of
 * authentication (its acr mapper then says level 1 whatever happened). The app's approval left its factors and
 * device binding in the client session ({@code ciba_callback_response_param_*}, providers/app CibaRequests): the
 * level they earn, by the same rule as a browser login, becomes the {@code acr}. Runs after Keycloak's acr mapper
 * (higher priority) and leaves every other session alone. A CIBA request asking level 2 that the approval
 * cannot give is denied before any token (providers/app AppResource), so this never writes a lower level than asked.
 */
public final class CibaAcrMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, TokenIntrospectionTokenMapper {

    public static final String ID = "dinhdanh-ciba-acr-mapper";

    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, CibaAcrMapper.class);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "dinhdanh: acr of CIBA approvals";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "The acr of tokens from a CIBA request: the level the VNeID app's approval earned.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    public int getPriority() {
        return 10; // after Keycloak's acr mapper (0), whose value it replaces for CIBA sessions only
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
                            KeycloakSession keycloakSession, ClientSessionContext clientSessionCtx) {
        AuthenticatedClientSessionModel clientSession = clientSessionCtx.getClientSession();
        Evidence evidence = LoginNotes.cibaEvidence(clientSession);
        if (evidence == null) {
            return;
        }
        int level = evidence.level(LoginNotes.registryLevel(userSession.getUser()));
        Map<String, Integer> map = AcrUtils.getAcrLoaMap(clientSession.getClient());
        String acr = AcrUtils.mapLoaToAcr(level, map, map.keySet());
        token.setAcr(acr != null ? acr : String.valueOf(level));
    }
}
