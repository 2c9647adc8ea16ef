package vn.dinhdanh.chip.lds;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.icao.DataGroupHash;
import org.bouncycastle.asn1.icao.LDSSecurityObject;
import org.jmrtd.lds.ActiveAuthenticationInfo;
import org.jmrtd.lds.LDSFileUtil;
import org.jmrtd.lds.SODFile;
import org.jmrtd.lds.icao.DG14File;
import org.jmrtd.lds.icao.DG15File;
import org.jmrtd.lds.icao.DG1File;
import org.jmrtd.lds.icao.DG2File;
import org.jmrtd.lds.icao.MRZInfo;
import org.jmrtd.lds.iso19794.FaceImageInfo;
import org.jmrtd.lds.iso19794.FaceInfo;

/**
 * Reads a presentation in two steps: {@link #readStructure} before anything is trusted, {@link #readContent}
 * once the data groups' hashes matched a trusted SOD. Every defect is a {@link MalformedLdsException};
 * nothing unchecked escapes.
 */
public final class LdsReader {

    /** id-icao-mrtd-security-ldsSecurityObject: EF.SOD's content type. */
    public static final String LDS_SECURITY_OBJECT_OID = "2.23.136.1.1.1";
    /** EF.SOD's tag. */
    private static final int SOD_TAG = 0x77;

    /**
     * JMRTD and SCUBA log through java.util.logging, at WARNING for defects of the files they parse: a
     * hostile reader could fill the server log (and those messages may quote card content). Every defect
     * is reported in the verdict instead. Held here: JUL keeps loggers only weakly.
     */
    private static final java.util.List<java.util.logging.Logger> QUIET_LIBRARIES = quiet("org.jmrtd", "net.sf.scuba");

    private final Dg13Layout layout;

    private static java.util.List<java.util.logging.Logger> quiet(String... names) {
        java.util.List<java.util.logging.Logger> loggers = new java.util.ArrayList<>();
        for (String name : names) {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
            logger.setLevel(java.util.logging.Level.SEVERE);
            loggers.add(logger);
        }
        return java.util.List.copyOf(loggers);
    }

    public LdsReader(Dg13Layout layout) {
        this.layout = java.util.Objects.requireNonNull(layout, "layout");
    }

    public LdsFiles readStructure(ChipPresentation presentation) throws MalformedLdsException {
        byte[] sod = presentation.sod();
        if (sod == null) {
            throw new MalformedLdsException("no EF.SOD");
        }
        checkSize("EF.SOD", sod, LdsLimits.MAX_FILE_BYTES);
        Map<Integer, byte[]> dataGroups = presentation.dataGroups();
        for (Map.Entry<Integer, byte[]> group : dataGroups.entrySet()) {
            int number = group.getKey() == null ? 0 : group.getKey();
            if (number < 1 || number > 16) {
                throw new MalformedLdsException("no data group " + number + " in ICAO 9303");
            }
            if (group.getValue() == null) {
                throw new MalformedLdsException("DG" + number + " is empty");
            }
            checkSize("DG" + number, group.getValue(), LdsLimits.maxBytes(number));
            checkTlv("DG" + number, group.getValue(), LDSFileUtil.lookupTagByDataGroupNumber(number));
        }
        byte[] signature = presentation.activeAuthSignature();
        if (signature != null && (signature.length == 0 || signature.length > LdsLimits.MAX_AA_SIGNATURE_BYTES)) {
            throw new MalformedLdsException("Active Authentication answer of " + signature.length + " bytes");
        }
        checkTlv("EF.SOD", sod, SOD_TAG);
        try {
            // Checked before JMRTD reads it, which would accept (and log) any other content type.
            ASN1TaggedObject wrapper = ASN1TaggedObject.getInstance(ASN1Primitive.fromByteArray(sod),
                    BERTags.APPLICATION, SOD_TAG & 0x1F);
            SignedData signedData = SignedData.getInstance(
                    ContentInfo.getInstance(wrapper.getBaseUniversal(true, BERTags.SEQUENCE)).getContent());
            if (!LDS_SECURITY_OBJECT_OID.equals(signedData.getEncapContentInfo().getContentType().getId())) {
                throw new MalformedLdsException("EF.SOD: not an LDS security object");
            }
            // A data group listed twice would be "last one wins" in JMRTD's map: refused, whatever the hashes.
            LDSSecurityObject listed = LDSSecurityObject.getInstance(
                    ((org.bouncycastle.asn1.ASN1OctetString) signedData.getEncapContentInfo().getContent()).getOctets());
            java.util.Set<Integer> numbers = new java.util.HashSet<>();
            for (DataGroupHash hash : listed.getDatagroupHash()) {
                if (!numbers.add(hash.getDataGroupNumber())) {
                    throw new MalformedLdsException("EF.SOD lists a data group twice");
                }
            }
            SODFile securityObject = new SODFile(new ByteArrayInputStream(sod));
            if (securityObject.getDataGroupHashes().isEmpty()) {
                throw new MalformedLdsException("EF.SOD lists no data group");
            }
            return new LdsFiles(sod, securityObject, dataGroups, signature);
        } catch (IOException | RuntimeException e) {
            throw new MalformedLdsException("EF.SOD: not an LDS security object", e);
        }
    }

    public LdsContent readContent(LdsFiles files) throws MalformedLdsException {
        Map<Integer, byte[]> groups = files.dataGroups();
        try {
            MRZInfo mrz = new DG1File(stream(groups.get(1))).getMRZInfo();
            Map<Integer, String> dg13 = Dg13Reader.read(groups.get(13));
            Optional<PublicKey> aaKey = Optional.empty();
            if (groups.containsKey(15)) {
                PublicKey key = new DG15File(stream(groups.get(15))).getPublicKey();
                if (key == null) {
                    throw new MalformedLdsException("DG15: not an RSA or EC public key");
                }
                aaKey = Optional.of(key);
            }
            Optional<String> aaAlgorithm = Optional.empty();
            if (groups.containsKey(14)) {
                List<ActiveAuthenticationInfo> infos = new DG14File(stream(groups.get(14))).getActiveAuthenticationInfos();
                aaAlgorithm = infos.stream().map(ActiveAuthenticationInfo::getSignatureAlgorithmOID)
                        .filter(java.util.Objects::nonNull).findFirst();
            }
            Optional<FaceImage> face = groups.containsKey(2) ? Optional.of(face(groups.get(2))) : Optional.empty();
            ChipIdentity identity = new IdentityMapper(layout).identity(mrz, dg13, face);
            return new LdsContent(identity, mrz.getDocumentCode(), mrz.getIssuingState(), mrz.getDocumentNumber(),
                    mrz.getDateOfBirth(), aaKey, aaAlgorithm);
        } catch (IOException | RuntimeException e) {
            throw new MalformedLdsException("a data group is not the expected structure", e);
        }
    }

    private static FaceImage face(byte[] dg2) throws IOException, MalformedLdsException {
        List<FaceInfo> faces = new DG2File(stream(dg2)).getFaceInfos();
        if (faces.isEmpty() || faces.get(0).getFaceImageInfos().isEmpty()) {
            throw new MalformedLdsException("DG2: no portrait");
        }
        FaceImageInfo image = faces.get(0).getFaceImageInfos().get(0);
        try (InputStream in = image.getImageInputStream()) {
            return new FaceImage(image.getMimeType(), in.readAllBytes());
        }
    }

    private static void checkSize(String file, byte[] bytes, int max) throws MalformedLdsException {
        if (bytes.length == 0 || bytes.length > max) {
            throw new MalformedLdsException(file + ": " + bytes.length + " bytes, at most " + max);
        }
    }

    /**
     * One complete BER-TLV under the file's tag, every nested length within the bytes given and nothing
     * after it. BouncyCastle checks that against the array's length, so no declared length can make a later
     * parser allocate more than was sent.
     */
    private static void checkTlv(String file, byte[] bytes, int tag) throws MalformedLdsException {
        if ((bytes[0] & 0xFF) != tag) {
            throw new MalformedLdsException(file + ": wrong tag");
        }
        try {
            ASN1Primitive.fromByteArray(bytes);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // Deep nesting is hostile input, not a server fault: the stack unwinds, nothing is left behind.
            throw new MalformedLdsException(file + ": not a well-formed TLV");
        }
    }

    private static InputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }
}
