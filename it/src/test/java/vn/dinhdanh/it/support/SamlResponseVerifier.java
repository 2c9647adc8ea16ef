package vn.dinhdanh.it.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Checks a SAML 2.0 Response the way a careful service provider does, with the JDK's XML
 * signature API: both signatures (response and assertion) against the IdP's certificate, each
 * referencing exactly the element it sits in (no signature wrapping), then status, issuer,
 * destination, audience, recipient, request correlation and validity window.
 */
public final class SamlResponseVerifier {

    static final String PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
    static final String ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";
    private static final Duration SKEW = Duration.ofSeconds(30);

    /** What the service provider learns from a verified assertion. */
    public record Verified(String nameId, String authnContextClassRef, Map<String, List<String>> attributes) {
    }

    public record Expectations(X509Certificate idpCertificate, String issuer, String audience, String destination,
                               String requestId) {
    }

    public static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String message) {
            super(message);
        }
    }

    private SamlResponseVerifier() {
    }

    public static Verified verify(byte[] responseXml, Expectations expected) throws Rejected {
        Document document = parse(responseXml);
        Element response = document.getDocumentElement();
        require(PROTOCOL.equals(response.getNamespaceURI()) && "Response".equals(response.getLocalName()), "not a SAML Response");
        response.setIdAttributeNS(null, "ID", true);
        verifySignature(response, expected.idpCertificate());

        Element status = child(child(response, PROTOCOL, "Status"), PROTOCOL, "StatusCode");
        require("urn:oasis:names:tc:SAML:2.0:status:Success".equals(status.getAttribute("Value")), "status is not Success");
        require(expected.destination().equals(response.getAttribute("Destination")), "wrong Destination");
        require(expected.requestId().equals(response.getAttribute("InResponseTo")), "wrong InResponseTo");
        require(expected.issuer().equals(child(response, ASSERTION, "Issuer").getTextContent()), "wrong response Issuer");

        List<Element> assertions = children(response, ASSERTION, "Assertion");
        require(assertions.size() == 1, "expected exactly one assertion, got " + assertions.size());
        Element assertion = assertions.get(0);
        assertion.setIdAttributeNS(null, "ID", true);
        verifySignature(assertion, expected.idpCertificate());

        require(expected.issuer().equals(child(assertion, ASSERTION, "Issuer").getTextContent()), "wrong assertion Issuer");
        Element conditions = child(assertion, ASSERTION, "Conditions");
        Instant now = Instant.now();
        require(!Instant.parse(conditions.getAttribute("NotBefore")).isAfter(now.plus(SKEW)), "assertion not yet valid");
        require(Instant.parse(conditions.getAttribute("NotOnOrAfter")).isAfter(now.minus(SKEW)), "assertion expired");
        String audience = child(child(conditions, ASSERTION, "AudienceRestriction"), ASSERTION, "Audience").getTextContent();
        require(expected.audience().equals(audience), "wrong Audience");

        Element subject = child(assertion, ASSERTION, "Subject");
        Element confirmation = child(child(subject, ASSERTION, "SubjectConfirmation"), ASSERTION, "SubjectConfirmationData");
        require(expected.destination().equals(confirmation.getAttribute("Recipient")), "wrong Recipient");
        require(expected.requestId().equals(confirmation.getAttribute("InResponseTo")), "wrong subject InResponseTo");
        require(Instant.parse(confirmation.getAttribute("NotOnOrAfter")).isAfter(now.minus(SKEW)), "subject confirmation expired");

        String classRef = child(child(child(assertion, ASSERTION, "AuthnStatement"), ASSERTION, "AuthnContext"),
                ASSERTION, "AuthnContextClassRef").getTextContent();
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (Element statement : children(assertion, ASSERTION, "AttributeStatement")) {
            for (Element attribute : children(statement, ASSERTION, "Attribute")) {
                List<String> values = new ArrayList<>();
                children(attribute, ASSERTION, "AttributeValue").forEach(v -> values.add(v.getTextContent()));
                attributes.put(attribute.getAttribute("Name"), values);
            }
        }
        return new Verified(child(subject, ASSERTION, "NameID").getTextContent(), classRef, attributes);
    }

    /** The enveloped signature of {@code signed}: valid, and covering exactly {@code signed}. */
    private static void verifySignature(Element signed, X509Certificate certificate) throws Rejected {
        List<Element> signatures = children(signed, XMLSignature.XMLNS, "Signature");
        require(signatures.size() == 1, signed.getLocalName() + " is not signed");
        try {
            DOMValidateContext context = new DOMValidateContext(certificate.getPublicKey(), signatures.get(0));
            context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
            XMLSignature signature = XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(context);
            List<?> references = signature.getSignedInfo().getReferences();
            require(references.size() == 1
                    && ("#" + signed.getAttribute("ID")).equals(((Reference) references.get(0)).getURI()),
                    signed.getLocalName() + " signature does not reference the " + signed.getLocalName());
            require(signature.validate(context), signed.getLocalName() + " signature is invalid");
        } catch (Rejected e) {
            throw e;
        } catch (Exception e) {
            throw new Rejected(signed.getLocalName() + " signature cannot be checked: " + e.getMessage());
        }
    }

    static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
        }
    }

    static byte[] serialize(Document document) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(document), new StreamResult(out));
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Element child(Element parent, String namespace, String name) throws Rejected {
        List<Element> found = children(parent, namespace, name);
        require(found.size() == 1, "expected one " + name + " in " + parent.getLocalName() + ", got " + found.size());
        return found.get(0);
    }

    static List<Element> children(Element parent, String namespace, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element e && namespace.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static void require(boolean condition, String reason) throws Rejected {
        if (!condition) {
            throw new Rejected(reason);
        }
    }
}
