package vn.dinhdanh.it.support;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Lets a test alter a SAML response the way an attacker between browser and SP could. */
public final class SamlTampering {

    private SamlTampering() {
    }

    public static Document parse(byte[] xml) {
        return SamlResponseVerifier.parse(xml);
    }

    public static byte[] serialize(Document document) {
        return SamlResponseVerifier.serialize(document);
    }

    public static Element nameId(Document response) {
        return (Element) response.getElementsByTagNameNS(SamlResponseVerifier.ASSERTION, "NameID").item(0);
    }
}
