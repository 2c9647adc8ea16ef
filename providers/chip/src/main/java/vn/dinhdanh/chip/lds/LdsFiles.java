package vn.dinhdanh.chip.lds;

import java.util.Map;
import org.jmrtd.lds.SODFile;

/**
 * A presentation whose structure is sound: sizes within limits, every file a well-formed TLV under its
 * own tag, EF.SOD parsed. The data groups' content is not read yet: that waits until their hashes match
 * a trusted SOD, so hostile bytes meet as little parsing as possible.
 *
 * @param sod EF.SOD as presented
 * @param activeAuthSignature null when the reader sent none
 */
public record LdsFiles(byte[] sod, SODFile securityObject, Map<Integer, byte[]> dataGroups, byte[] activeAuthSignature) {

    public LdsFiles {
        dataGroups = Map.copyOf(dataGroups);
    }

    @Override
    public String toString() {
        return "LdsFiles[data groups " + new java.util.TreeSet<>(dataGroups.keySet()) + "]";
    }
}
