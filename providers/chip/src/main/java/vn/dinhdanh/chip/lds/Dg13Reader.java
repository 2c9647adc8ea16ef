package vn.dinhdanh.chip.lds;

import java.io.IOException;
import java.text.Normalizer;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;

/**
 * DG13, the Vietnamese personal data: {@code 6D} { SEQUENCE { INTEGER version, OID, fields } } where the
 * fields are SEQUENCE { INTEGER number, value }, either in one SET (or SEQUENCE) or listed inline after
 * the OID: public decoders of real cards disagree, so both are read. Values that are strings
 * (UTF8String, PrintableString, ...) are kept, NFC-normalised; structured values (parents, spouse)
 * are skipped. JMRTD has no DG13 (its content is national), so BouncyCastle's ASN.1 reads it.
 */
final class Dg13Reader {

    static final int TAG_NUMBER = 13;
    private static final int MAX_FIELD_NUMBER = 255;

    private Dg13Reader() {
    }

    /** Field number → text value. */
    static Map<Integer, String> read(byte[] dg13) throws MalformedLdsException {
        try {
            ASN1TaggedObject tagged = ASN1TaggedObject.getInstance(ASN1Primitive.fromByteArray(dg13),
                    BERTags.APPLICATION, TAG_NUMBER);
            ASN1Sequence body = ASN1Sequence.getInstance(tagged.getBaseUniversal(true, BERTags.SEQUENCE));
            if (body.size() < 2) {
                throw new MalformedLdsException("DG13: no version and identifier");
            }
            ASN1Integer.getInstance(body.getObjectAt(0));
            ASN1ObjectIdentifier.getInstance(body.getObjectAt(1));
            Map<Integer, String> fields = new TreeMap<>();
            for (int i = 2; i < body.size(); i++) {
                ASN1Encodable element = body.getObjectAt(i);
                if (element instanceof ASN1Set || isListOfFields(element)) {
                    for (ASN1Encodable field : collection(element)) {
                        add(fields, field);
                    }
                } else {
                    add(fields, element);
                }
            }
            return Collections.unmodifiableMap(fields);
        } catch (IOException | RuntimeException e) {
            throw new MalformedLdsException("DG13: not the expected structure", e);
        }
    }

    /** A SEQUENCE whose elements are themselves SEQUENCEs: a list of fields, not one field. */
    private static boolean isListOfFields(ASN1Encodable element) {
        if (!(element instanceof ASN1Sequence)) {
            return false;
        }
        ASN1Sequence sequence = (ASN1Sequence) element;
        return sequence.size() > 0 && sequence.getObjectAt(0) instanceof ASN1Sequence;
    }

    private static Iterable<ASN1Encodable> collection(ASN1Encodable element) {
        return element instanceof ASN1Set ? (ASN1Set) element : (ASN1Sequence) element;
    }

    private static void add(Map<Integer, String> fields, ASN1Encodable field) throws MalformedLdsException {
        ASN1Sequence entry = ASN1Sequence.getInstance(field);
        if (entry.size() < 1) {
            throw new MalformedLdsException("DG13: empty field");
        }
        int number = ASN1Integer.getInstance(entry.getObjectAt(0)).intValueExact();
        if (number < 1 || number > MAX_FIELD_NUMBER) {
            throw new MalformedLdsException("DG13: field number out of range");
        }
        if (fields.containsKey(number)) {
            throw new MalformedLdsException("DG13: field " + number + " twice");
        }
        if (entry.size() == 2 && entry.getObjectAt(1) instanceof ASN1String) {
            String value = ((ASN1String) entry.getObjectAt(1)).getString();
            fields.put(number, Normalizer.normalize(value, Normalizer.Form.NFC).strip());
        }
    }
}
