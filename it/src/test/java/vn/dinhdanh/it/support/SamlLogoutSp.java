package vn.dinhdanh.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.onelogin.saml2.authn.SamlResponse;
import com.onelogin.saml2.logout.LogoutRequest;
import com.onelogin.saml2.util.Util;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.w3c.dom.Document;
import vn.dinhdanh.sandbox.Ports;

/**
 * A SAML service provider registered by a test like {@code legacy-portal} (same signing and attribute mappers) but
 * with its own entity id, an ACS and a Single Logout service (HTTP-POST) on loopback, and front-channel logout off:
 * what an SP that wants back-channel logout registers. Removed again on close.
 */
public final class SamlLogoutSp implements AutoCloseable {

    private static final String CLIENTS = "/admin/realms/dinhdanh/clients";

    private final ServerUnderTest server;
    private final String entityId = "saml-rp-" + UUID.randomUUID().toString().substring(0, 8);
    private final int acsPort = Ports.free();
    private final LogoutListener logouts = new LogoutListener(Ports.free());
    private final SamlServiceProvider sp;
    private final String id;

    /** What the SP keeps of a login: the subject's NameID and the session index. */
    public record Login(String nameId, String sessionIndex) {
    }

    public SamlLogoutSp(ServerUnderTest server) {
        this.server = server;
        URI acs = URI.create("http://localhost:" + acsPort + "/saml/acs");
        JsonNode legacy = server.admin().get(CLIENTS + "?clientId=" + LegacyPortal.ENTITY_ID).get(0);
        ObjectNode client = legacy.deepCopy();
        client.remove("id");
        client.put("clientId", entityId).put("frontchannelLogout", false);
        ((ArrayNode) client.putArray("redirectUris")).add(acs.toString());
        ObjectNode attributes = (ObjectNode) client.path("attributes");
        attributes.put("saml_assertion_consumer_url_post", acs.toString());
        attributes.put("saml_single_logout_service_url_post", "http://127.0.0.1:" + logouts.port() + "/saml/slo");
        client.path("protocolMappers").forEach(mapper -> ((ObjectNode) mapper).remove("id"));
        server.admin().post(CLIENTS, client, Duration.ofSeconds(30));
        this.id = server.admin().get(CLIENTS + "?clientId=" + entityId).get(0).path("id").asText();
        this.sp = new SamlServiceProvider(server, entityId, acs);
    }

    /** Keycloak's id of this SP's client. */
    public String clientUuid() {
        return id;
    }

    public LogoutListener logouts() {
        return logouts;
    }

    /** The citizen logs in at this SP in {@code browser} (which may already hold a session at dinhdanh). */
    public Login signIn(Browser browser, Runnable steps) {
        SamlServiceProvider.Sent sent = sp.authnRequest(SamlServiceProvider.Requested.nothing());
        String posted;
        try (LoopbackReceiver acs = new LoopbackReceiver(acsPort)) {
            browser.open(sent.url());
            steps.run();
            posted = SamlLogins.posted(SamlLogins.awaitConsenting(browser, acs)); // consent at a first login here
        }
        SamlResponse response = sp.valid(sent, posted);
        try {
            return new Login(response.getNameId(), response.getSessionIndex());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The back-channel LogoutRequest Keycloak posted: signed by the realm's SAML key, issued by the realm, for this
     * login's NameID and session index.
     */
    public void assertLogoutFor(LogoutListener.Arrival arrival, Login login) throws Exception {
        assertThat(arrival.path()).isEqualTo("/saml/slo");
        String xml = new String(Base64.getMimeDecoder().decode(arrival.parameters().get("SAMLRequest")), StandardCharsets.UTF_8);
        Document request = Util.loadXML(xml);
        assertThat(request.getDocumentElement().getLocalName()).isEqualTo("LogoutRequest");
        assertThat(Util.validateSign(request, new LegacyPortal(server).signingCertificate(), null,
                "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "/samlp:LogoutRequest/ds:Signature"))
                .as("LogoutRequest signed by the realm's SAML key").isTrue();
        assertThat(LogoutRequest.getIssuer(request)).isEqualTo(server.realmUrl().toString());
        assertThat(LogoutRequest.getNameId(request)).isEqualTo(login.nameId());
        List<String> sessions = LogoutRequest.getSessionIndexes(request);
        assertThat(sessions).containsExactly(login.sessionIndex());
    }

    @Override
    public void close() {
        logouts.close();
        server.admin().delete(CLIENTS + "/" + id, Duration.ofSeconds(30));
    }
}
