package vn.dinhdanh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Element;
import vn.dinhdanh.it.support.DinhdanhServerExtension;
import vn.dinhdanh.it.support.LegacyPortal;
import vn.dinhdanh.it.support.PublicPortal;
import vn.dinhdanh.it.support.ServerUnderTest;
import vn.dinhdanh.sandbox.LocalHttp;

/** What relying parties read before they federate: OIDC discovery, JWKS, SAML metadata. */
@ExtendWith(DinhdanhServerExtension.class)
class RealmEndpointsIT {

    @Test
    @DisplayName("OIDC discovery names the realm as issuer and offers PKCE S256")
    void discovery(ServerUnderTest server) {
        JsonNode discovery = new PublicPortal(server).discovery();
        String realm = server.realmUrl().toString();
        assertThat(discovery.path("issuer").asText()).isEqualTo(realm);
        assertThat(discovery.path("authorization_endpoint").asText()).isEqualTo(realm + "/protocol/openid-connect/auth");
        assertThat(discovery.path("token_endpoint").asText()).isEqualTo(realm + "/protocol/openid-connect/token");
        assertThat(texts(discovery.path("code_challenge_methods_supported"))).contains("S256");
        assertThat(discovery.path("authorization_response_iss_parameter_supported").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("the JWKS publishes an RS256 signing key")
    void jwks(ServerUnderTest server) throws Exception {
        JsonNode discovery = new PublicPortal(server).discovery();
        HttpResponse<String> response = LocalHttp.client().send(
                HttpRequest.newBuilder(URI.create(discovery.path("jwks_uri").asText())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> signing = new ArrayList<>();
        PublicPortal.json(response).path("keys").forEach(k -> {
            if ("sig".equals(k.path("use").asText())) {
                signing.add(k.path("alg").asText());
            }
        });
        assertThat(signing).contains("RS256");
    }

    @Test
    @DisplayName("SAML metadata is an IdP descriptor with a signing certificate and the SSO endpoints")
    void samlMetadata(ServerUnderTest server) {
        LegacyPortal portal = new LegacyPortal(server);
        Element descriptor = portal.metadata().getDocumentElement();
        assertThat(descriptor.getLocalName()).isEqualTo("EntityDescriptor");
        assertThat(descriptor.getAttribute("entityID")).isEqualTo(server.realmUrl().toString());
        assertThat(descriptor.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:metadata", "SingleSignOnService").getLength())
                .isPositive();
        X509Certificate certificate = portal.signingCertificate();
        assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=dinhdanh");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
