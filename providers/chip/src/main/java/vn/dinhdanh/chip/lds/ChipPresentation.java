package vn.dinhdanh.chip.lds;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a reader sends after reading a card: EF.SOD, the data groups it read (by number, each as read,
 * outer tag included), and the chip's answer to INTERNAL AUTHENTICATE with the server's challenge
 * (null when the reader did not perform it). Nothing here is trusted yet.
 */
public final class ChipPresentation {

    private final byte[] sod;
    private final Map<Integer, byte[]> dataGroups;
    private final byte[] activeAuthSignature;

    public ChipPresentation(byte[] sod, Map<Integer, byte[]> dataGroups, byte[] activeAuthSignature) {
        this.sod = sod == null ? null : sod.clone();
        this.dataGroups = new TreeMap<>();
        Objects.requireNonNull(dataGroups, "dataGroups").forEach((number, bytes) -> {
            if (number == null) {
                throw new IllegalArgumentException("a data group without a number"); // the caller's mapping is wrong
            }
            this.dataGroups.put(number, bytes == null ? null : bytes.clone());
        });
        this.activeAuthSignature = activeAuthSignature == null ? null : activeAuthSignature.clone();
    }

    /** EF.SOD as read, or null when the reader sent none. */
    public byte[] sod() {
        return sod == null ? null : sod.clone();
    }

    /** The data groups by number; a copy. */
    public Map<Integer, byte[]> dataGroups() {
        Map<Integer, byte[]> copy = new TreeMap<>();
        dataGroups.forEach((number, bytes) -> copy.put(number, bytes == null ? null : bytes.clone()));
        return copy;
    }

    public byte[] activeAuthSignature() {
        return activeAuthSignature == null ? null : activeAuthSignature.clone();
    }

    @Override
    public String toString() {
        return "ChipPresentation[data groups " + dataGroups.keySet() + "]";
    }
}
