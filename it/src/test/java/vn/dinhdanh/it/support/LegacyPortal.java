package vn.dinhdanh.it.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.xml.crypto.dsig.XMLSignature;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import vn.dinhdanh.sandbox.LocalHttp;

/** The sample SAML service provider {@code legacy-portal}, played by the tests. */
public final class LegacyPortal {

    public static final String ENTITY_ID = "legacy-portal";
    private static final String METADATA = "urn:oasis:names:tc:SAML:2.0:metadata";

    private final ServerUnderTest server;

    public LegacyPortal(ServerUnderTest server) {
        this.server = server;
    }

    public URI ssoEndpoint() {
        return URI.create(server.realmUrl() + "/protocol/saml");
    }

    public static String newRequestId() {
        return "_" + UUID.randomUUID();
    }

    /** An AuthnRequest sent with the HTTP-Redirect binding (deflated, base64, in the query). */
    public URI authnRequestUrl(String requestId, String issuer) {
        String xml = "<samlp:AuthnRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\""
                + " xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"" + requestId + "\" Version=\"2.0\""
                + " IssueInstant=\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\""
                + " Destination=\"" + ssoEndpoint() + "\""
                + " AssertionConsumerServiceURL=\"" + server.relyingParties().legacyPortalAcs() + "\""
                + " ProtocolBinding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\">"
                + "<saml:Issuer>" + issuer + "</saml:Issuer>"
                + "<samlp:NameIDPolicy Format=\"urn:oasis:names:tc:SAML:2.0:nameid-format:persistent\" AllowCreate=\"true\"/>"
                + "</samlp:AuthnRequest>";
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated, new Deflater(Deflater.DEFLATED, true))) {
            out.write(xml.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String encoded = URLEncoder.encode(Base64.getEncoder().encodeToString(deflated.toByteArray()), StandardCharsets.UTF_8);
        return URI.create(ssoEndpoint() + "?SAMLRequest=" + encoded + "&RelayState=it");
    }

    public Document metadata() {
        try {
            HttpResponse<byte[]> response = LocalHttp.client().send(
                    HttpRequest.newBuilder(URI.create(ssoEndpoint() + "/descriptor")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new AssertionError("SAML metadata: HTTP " + response.statusCode());
            }
            return SamlResponseVerifier.parse(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The IdP's signing certificate, as published in its metadata. */
    public X509Certificate signingCertificate() {
        Document metadata = metadata();
        NodeList descriptors = metadata.getElementsByTagNameNS(METADATA, "KeyDescriptor");
        for (int i = 0; i < descriptors.getLength(); i++) {
            Element descriptor = (Element) descriptors.item(i);
            if (!descriptor.getAttribute("use").isEmpty() && !descriptor.getAttribute("use").equals("signing")) {
                continue;
            }
            NodeList certificates = descriptor.getElementsByTagNameNS(XMLSignature.XMLNS, "X509Certificate");
            if (certificates.getLength() > 0) {
                byte[] der = Base64.getMimeDecoder().decode(certificates.item(0).getTextContent());
                try {
                    return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
                } catch (Exception e) {
                    throw new AssertionError("unreadable signing certificate in metadata", e);
                }
            }
        }
        throw new AssertionError("no signing certificate in the SAML metadata");
    }

    public SamlResponseVerifier.Expectations expectations(String requestId) {
        return new SamlResponseVerifier.Expectations(signingCertificate(), server.realmUrl().toString(), ENTITY_ID,
                server.relyingParties().legacyPortalAcs().toString(), requestId);
    }
}
