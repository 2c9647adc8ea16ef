package vn.dinhdanh.assurance;

import java.util.ArrayList;
import java.util.List;
import org.keycloak.OAuth2Constants;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;
import vn.dinhdanh.evidence.Evidence;
import vn.dinhdanh.evidence.LoginNotes;

/**
 * {@code amr} (RFC 8176) from the factors the session's login proved ({@link Evidence#amr()}): {@code pwd},
 * {@code sc}, {@code hwk}, {@code mfa}. Keycloak's own AMR mapper names executions from static per-execution
 * settings; here one method (the app) proves different things (with or without user verification), so the
 * recorded factors are the source.
 */
public final class AmrMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper {

    public static final String ID = "dinhdanh-amr-mapper";

    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, AmrMapper.class);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "dinhdanh: amr from login factors";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "The amr claim (RFC 8176) from the factors the citizen's login proved: pwd, sc, hwk, mfa.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
                            KeycloakSession keycloakSession, ClientSessionContext clientSessionCtx) {
        Evidence ciba = LoginNotes.cibaEvidence(clientSessionCtx.getClientSession());
        Evidence evidence = ciba != null ? ciba : LoginNotes.sessionEvidence(userSession);
        if (!evidence.isEmpty()) {
            token.getOtherClaims().put(OAuth2Constants.AUTHENTICATOR_METHOD_REFERENCE, List.copyOf(evidence.amr()));
        }
    }
}
