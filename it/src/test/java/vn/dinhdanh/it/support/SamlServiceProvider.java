package vn.dinhdanh.it.support;

import com.onelogin.saml2.authn.AuthnRequest;
import com.onelogin.saml2.authn.AuthnRequestParams;
import com.onelogin.saml2.authn.SamlResponse;
import com.onelogin.saml2.http.HttpRequest;
import com.onelogin.saml2.model.SamlResponseStatus;
import com.onelogin.saml2.settings.IdPMetadataParser;
import com.onelogin.saml2.settings.Saml2Settings;
import com.onelogin.saml2.settings.SettingsBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The {@code legacy-portal} service provider played by an independent SAML library, OneLogin's
 * java-saml, configured from dinhdanh's published IdP metadata only (entity id, SSO endpoint, signing
 * certificate) and strict: signed response and signed assertion, schema, destination, audience,
 * recipient, InResponseTo and validity window are checked by the library, not by us.
 */
public final class SamlServiceProvider {

    public static final String LOA_1 = "urn:vn:eid:loa:1";
    public static final String LOA_2 = "urn:vn:eid:loa:2";

    /** What the SP asks for in {@code RequestedAuthnContext}; no contexts: no element at all. */
    public record Requested(String comparison, List<String> contexts) {

        public static Requested nothing() {
            return new Requested("exact", List.of());
        }

        public static Requested exact(String... contexts) {
            return new Requested("exact", List.of(contexts));
        }

        public static Requested minimum(String... contexts) {
            return new Requested("minimum", List.of(contexts));
        }

        public static Requested better(String... contexts) {
            return new Requested("better", List.of(contexts));
        }
    }

    /** An AuthnRequest as sent: its id (to check InResponseTo) and the HTTP-Redirect URL the browser opens. */
    public record Sent(String requestId, URI url, Saml2Settings settings) {
    }

    private final LegacyPortal portal;
    private final String entityId;
    private final URI acs;

    /** The realm's sample SP {@code legacy-portal}. */
    public SamlServiceProvider(ServerUnderTest server) {
        this(server, LegacyPortal.ENTITY_ID, server.relyingParties().legacyPortalAcs());
    }

    /** Another SP registered by a test, with its own entity id and ACS. */
    public SamlServiceProvider(ServerUnderTest server, String entityId, URI acs) {
        this.portal = new LegacyPortal(server);
        this.entityId = entityId;
        this.acs = acs;
    }

    public Saml2Settings settings(Requested requested) {
        return settings(requested, entityId);
    }

    /** The same strict settings for an SP of another entity id (to show a response is not for it). */
    public Saml2Settings settings(Requested requested, String entityId) {
        try {
            Map<String, Object> values = new HashMap<>(IdPMetadataParser.parseXML(portal.metadata()));
            values.put(SettingsBuilder.STRICT_PROPERTY_KEY, true);
            values.put(SettingsBuilder.SP_ENTITYID_PROPERTY_KEY, entityId);
            values.put(SettingsBuilder.SP_ASSERTION_CONSUMER_SERVICE_URL_PROPERTY_KEY, acs());
            values.put(SettingsBuilder.SP_NAMEIDFORMAT_PROPERTY_KEY, "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
            values.put(SettingsBuilder.SECURITY_WANT_MESSAGES_SIGNED, true);
            values.put(SettingsBuilder.SECURITY_WANT_ASSERTIONS_SIGNED, true);
            values.put(SettingsBuilder.SECURITY_WANT_NAMEID, true);
            values.put(SettingsBuilder.SECURITY_WANT_XML_VALIDATION, true);
            values.put(SettingsBuilder.SECURITY_REJECT_DEPRECATED_ALGORITHM, true);
            values.put(SettingsBuilder.SECURITY_REQUESTED_AUTHNCONTEXT, requested.contexts());
            values.put(SettingsBuilder.SECURITY_REQUESTED_AUTHNCONTEXTCOMPARISON, requested.comparison());
            return new SettingsBuilder().fromValues(values).build();
        } catch (Exception e) {
            throw new IllegalStateException("java-saml settings from the IdP metadata: " + e.getMessage(), e);
        }
    }

    /** java-saml builds the AuthnRequest; it travels with the HTTP-Redirect binding (unsigned: legacy-portal signs none). */
    public Sent authnRequest(Requested requested) {
        Saml2Settings settings = settings(requested);
        AuthnRequest request = new AuthnRequest(settings, new AuthnRequestParams(false, false, true, true));
        try {
            String encoded = URLEncoder.encode(request.getEncodedAuthnRequest(), StandardCharsets.UTF_8);
            URI url = URI.create(settings.getIdpSingleSignOnServiceUrl() + "?SAMLRequest=" + encoded + "&RelayState=it");
            return new Sent(request.getId(), url, settings);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String acs() {
        return acs.toString();
    }

    /** java-saml's view of what arrived at the ACS (base64 as posted). */
    public SamlResponse response(Sent sent, String samlResponseBase64) {
        try {
            return new SamlResponse(sent.settings(), new HttpRequest(acs(), Map.of("SAMLResponse", List.of(samlResponseBase64)), ""));
        } catch (Exception e) {
            throw new IllegalStateException("java-saml could not read the response: " + e.getMessage(), e);
        }
    }

    /** The Response java-saml accepts for {@code sent} (the test fails with java-saml's reason otherwise). */
    public SamlResponse valid(Sent sent, String samlResponseBase64) {
        SamlResponse response = response(sent, samlResponseBase64);
        boolean valid = response.isValid(sent.requestId());
        org.assertj.core.api.Assertions.assertThat(valid).as("java-saml: %s", response.getError()).isTrue();
        return response;
    }

    public static Map<String, List<String>> attributes(SamlResponse response) {
        try {
            return response.getAttributes();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static String nameId(SamlResponse response) {
        try {
            return response.getNameId();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static SamlResponseStatus status(SamlResponse response) {
        try {
            return SamlResponse.getStatus(SamlResponseVerifier.parse(response.getSAMLResponseXml().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The AuthnContextClassRef of the (already validated) assertion; java-saml has no getter for it. */
    public static List<String> authnContextClassRefs(SamlResponse response) {
        Document document = SamlResponseVerifier.parse(response.getSAMLResponseXml().getBytes(StandardCharsets.UTF_8));
        NodeList refs = document.getElementsByTagNameNS(SamlResponseVerifier.ASSERTION, "AuthnContextClassRef");
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < refs.getLength(); i++) {
            out.add(refs.item(i).getTextContent().trim());
        }
        return out;
    }

    /** A posted response re-encoded after a test changed it, as an attacker between browser and SP could. */
    public static String encode(Document document) {
        return Base64.getEncoder().encodeToString(SamlTampering.serialize(document));
    }

    public static Document decode(String samlResponseBase64) {
        return SamlTampering.parse(Base64.getMimeDecoder().decode(samlResponseBase64));
    }
}
