package vn.dinhdanh.chip.lds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.dinhdanh.chip.Fixtures;
import vn.dinhdanh.virtualchip.Variant;

@DisplayName("DG13")
class Dg13ReaderTest {

    private static ASN1Encodable field(int number, ASN1Encodable value) {
        return new DERSequence(new ASN1Encodable[] {new ASN1Integer(number), value});
    }

    private static byte[] dg13(ASN1Encodable... afterOid) throws Exception {
        ASN1EncodableVector body = new ASN1EncodableVector();
        body.add(new ASN1Integer(1));
        body.add(new ASN1ObjectIdentifier("1.2.3"));
        body.addAll(afterOid);
        return new DERTaggedObject(true, BERTags.APPLICATION, 13, new DERSequence(body)).getEncoded();
    }

    @Test
    @DisplayName("reads the virtual chip's fields 1-12")
    void virtualChip() throws Exception {
        Map<Integer, String> fields = Dg13Reader.read(Fixtures.chip(Variant.GENUINE).dataGroup(13));
        assertThat(fields).containsKeys(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertThat(fields.get(1)).isEqualTo("001090012345");
        assertThat(fields.get(4)).isEqualTo("Nam");
    }

    @Test
    @DisplayName("fields listed inline after the OID, PrintableString values, structured values skipped")
    void inline() throws Exception {
        byte[] bytes = dg13(field(1, new DERPrintableString("001090012345")),
                field(2, new DERUTF8String("Lê Thị Hoa")),
                field(13, new DERSequence(new ASN1Encodable[] {new DERUTF8String("a"), new DERUTF8String("b")})));
        assertThat(Dg13Reader.read(bytes)).containsOnlyKeys(1, 2).containsEntry(2, "Lê Thị Hoa");
    }

    @Test
    @DisplayName("fields in a SEQUENCE instead of a SET")
    void sequenceOfFields() throws Exception {
        byte[] bytes = dg13(new DERSequence(new ASN1Encodable[] {field(1, new DERUTF8String("001090012345")),
                field(2, new DERUTF8String("An"))}));
        assertThat(Dg13Reader.read(bytes)).containsOnlyKeys(1, 2);
    }

    @Test
    @DisplayName("values are NFC-normalised")
    void normalised() throws Exception {
        String decomposed = java.text.Normalizer.normalize("Nữ", java.text.Normalizer.Form.NFD);
        byte[] bytes = dg13(new DERSet(field(4, new DERUTF8String(decomposed))));
        assertThat(Dg13Reader.read(bytes).get(4)).isEqualTo("Nữ");
    }

    @Test
    @DisplayName("a field twice, a field number out of range, another tag, no OID: malformed")
    void malformed() throws Exception {
        ASN1Encodable one = field(1, new DERUTF8String("x"));
        assertThatThrownBy(() -> Dg13Reader.read(dg13(one, one))).isInstanceOf(MalformedLdsException.class);
        assertThatThrownBy(() -> Dg13Reader.read(dg13(field(0, new DERUTF8String("x")))))
                .isInstanceOf(MalformedLdsException.class);
        assertThatThrownBy(() -> Dg13Reader.read(dg13(field(Integer.MAX_VALUE, new DERUTF8String("x")))))
                .isInstanceOf(MalformedLdsException.class);
        byte[] otherTag = new DERTaggedObject(true, BERTags.APPLICATION, 12,
                new DERSequence(new ASN1Integer(1))).getEncoded();
        assertThatThrownBy(() -> Dg13Reader.read(otherTag)).isInstanceOf(MalformedLdsException.class);
        byte[] noOid = new DERTaggedObject(true, BERTags.APPLICATION, 13,
                new DERSequence(new ASN1Encodable[] {new ASN1Integer(1), new ASN1Integer(2)})).getEncoded();
        assertThatThrownBy(() -> Dg13Reader.read(noOid)).isInstanceOf(MalformedLdsException.class);
    }

    @Test
    @DisplayName("the layout says which field is which")
    void layout() throws Exception {
        Dg13Layout swapped = new Dg13Layout(2, 1, 3, 4, 5, 6, 7, 8, 9, 11, 12, "dd/MM/yyyy",
                java.util.Set.of("Nam"), java.util.Set.of("Nữ"));
        byte[] bytes = dg13(new DERSet(new ASN1Encodable[] {
                field(1, new DERUTF8String("Phạm Minh")), field(2, new DERUTF8String("079203000042")),
                field(3, new DERUTF8String("29/02/2004")), field(4, new DERUTF8String("NAM"))}));
        var mrz = org.jmrtd.lds.icao.MRZInfo.createTD1MRZInfo("ID", "VNM", "203000042", "079203000042", "040229", "M",
                "290301", "VNM", "", "PHAM", "MINH");
        ChipIdentity identity = new IdentityMapper(swapped).identity(mrz, Dg13Reader.read(bytes), java.util.Optional.empty());
        assertThat(identity.idNumber()).isEqualTo("079203000042");
        assertThat(identity.fullName()).isEqualTo("Phạm Minh");
        assertThat(identity.dateOfBirth()).isEqualTo(java.time.LocalDate.of(2004, 2, 29));
        assertThat(identity.sex()).isEqualTo(Sex.MALE);
        assertThat(identity.expiryDate()).as("from the MRZ when DG13 has none").isEqualTo(java.time.LocalDate.of(2029, 3, 1));
    }
}
