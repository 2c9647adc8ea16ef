package vn.dinhdanh.virtualchip;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import net.sf.scuba.data.Gender;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.jmrtd.lds.ActiveAuthenticationInfo;
import org.jmrtd.lds.SecurityInfo;
import org.jmrtd.lds.icao.DG14File;
import org.jmrtd.lds.icao.DG15File;
import org.jmrtd.lds.icao.DG1File;
import org.jmrtd.lds.icao.DG2File;
import org.jmrtd.lds.icao.MRZInfo;
import org.jmrtd.lds.iso19794.FaceImageInfo;
import org.jmrtd.lds.iso19794.FaceInfo;

/** The encoded data groups of a CCCD chip, each as the chip returns it (full TLV, outer tag included). */
final class DataGroups {

    /**
     * DG13's object identifier. A placeholder: the identifier real cards carry is not documented, and
     * the verifier does not depend on it.
     */
    static final String DG13_OID = "2.16.704.0.13.1";
    private static final DateTimeFormatter MRZ_DATE = DateTimeFormatter.ofPattern("yyMMdd");
    /**
     * A card without expiry: the MRZ's expiry field is mandatory (ICAO 9303 part 5; the chip's BAC key is
     * derived from it), so it carries the latest date it can, 31/12/2099, as the CCCD "Không thời hạn" cards
     * readers report; DG13's expiry field carries the printed text {@value #NO_EXPIRY_DG13}.
     */
    static final String NO_EXPIRY_MRZ = "991231";
    static final String NO_EXPIRY_DG13 = "Không thời hạn";
    private static final DateTimeFormatter DG13_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private DataGroups() {
    }

    /** TD1 MRZ: document code ID, VNM, the last 9 digits as document number, all 12 in optional data 1. */
    static byte[] dg1(CardHolder holder) {
        return dg1(holder, "VNM");
    }

    /** The same MRZ as issued by {@code issuingState}. */
    static byte[] dg1(CardHolder holder, String issuingState) {
        String[] names = Transliteration.toMrz(holder.fullName()).split(" +", 2);
        String secondary = names.length > 1 ? names[1].replace(' ', '<') : "";
        String expiry = holder.withoutExpiry() ? NO_EXPIRY_MRZ : MRZ_DATE.format(holder.cardExpiryDate());
        MRZInfo mrz = MRZInfo.createTD1MRZInfo("ID", issuingState, holder.documentNumber(), holder.idNumber(),
                MRZ_DATE.format(holder.dateOfBirth()), holder.sex().mrzCode(), expiry, "VNM", "",
                names[0], secondary);
        return new DG1File(mrz).getEncoded();
    }

    /** One JPEG portrait, drawn from the seed: a few kilobytes, decodable by any JPEG reader. */
    static byte[] dg2(CardHolder holder, long seed) {
        try {
            byte[] jpeg = portrait(seed);
            FaceImageInfo image = new FaceImageInfo(holder.sex() == Sex.MALE ? Gender.MALE : Gender.FEMALE,
                    FaceImageInfo.EyeColor.BROWN, 0, FaceImageInfo.HAIR_COLOR_BLACK, 0,
                    new int[] {0, 0, 0}, new int[] {0, 0, 0}, FaceImageInfo.FACE_IMAGE_TYPE_FULL_FRONTAL,
                    FaceImageInfo.IMAGE_COLOR_SPACE_RGB24, FaceImageInfo.SOURCE_TYPE_STATIC_PHOTO_DIGITAL_CAM,
                    0, 0, null, 120, 160, new ByteArrayInputStream(jpeg), jpeg.length,
                    FaceImageInfo.IMAGE_DATA_TYPE_JPEG);
            return new DG2File(List.of(new FaceInfo(List.of(image)))).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] portrait(long seed) throws IOException {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(120, 160, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(235, 240, 245));
        g.fillRect(0, 0, 120, 160);
        g.setColor(new Color(200 + random.nextInt(40), 160 + random.nextInt(40), 120 + random.nextInt(40)));
        g.fillOval(25, 30, 70, 90);
        g.setColor(Color.DARK_GRAY);
        g.fillOval(42, 60, 8, 6);
        g.fillOval(70, 60, 8, 6);
        g.drawArc(45, 85, 30, 15, 200, 140);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    /**
     * DG13 as public readers decode real cards: {@code 6D} { SEQUENCE { INTEGER 1, OID, SET OF SEQUENCE
     * { INTEGER fieldNo, UTF8String value } } }, fields numbered as in the domain brief (13-16 left out).
     */
    static byte[] dg13(CardHolder holder) {
        ASN1EncodableVector fields = new ASN1EncodableVector();
        add(fields, 1, holder.idNumber());
        add(fields, 2, holder.fullName());
        add(fields, 3, DG13_DATE.format(holder.dateOfBirth()));
        add(fields, 4, holder.sex().dg13Value());
        add(fields, 5, holder.nationality());
        add(fields, 6, holder.ethnicity());
        add(fields, 7, holder.religion());
        add(fields, 8, holder.placeOfOrigin());
        add(fields, 9, holder.placeOfResidence());
        add(fields, 10, "Không");
        add(fields, 11, DG13_DATE.format(holder.cardIssueDate()));
        add(fields, 12, holder.withoutExpiry() ? NO_EXPIRY_DG13 : DG13_DATE.format(holder.cardExpiryDate()));
        ASN1EncodableVector body = new ASN1EncodableVector();
        body.add(new ASN1Integer(1));
        body.add(new ASN1ObjectIdentifier(DG13_OID));
        body.add(new DERSet(fields));
        try {
            return new DERTaggedObject(true, BERTags.APPLICATION, 13, new DERSequence(body))
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(ASN1EncodableVector fields, int number, String value) {
        if (value != null) {
            fields.add(new DERSequence(new ASN1Encodable[] {new ASN1Integer(number), new DERUTF8String(value)}));
        }
    }

    /** DG14 holding only ActiveAuthenticationInfo: tells the terminal the ECDSA AA signature algorithm. */
    static byte[] dg14(String signatureAlgorithmOid) {
        List<SecurityInfo> infos = List.of(new ActiveAuthenticationInfo(signatureAlgorithmOid));
        return new DG14File(infos).getEncoded();
    }

    static byte[] dg15(PublicKey key) {
        return new DG15File(key).getEncoded();
    }

    static String mrzDate(LocalDate date) {
        return MRZ_DATE.format(date);
    }
}
