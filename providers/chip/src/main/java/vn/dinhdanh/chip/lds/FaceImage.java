package vn.dinhdanh.chip.lds;

/** The portrait from DG2, for a face comparison by the caller. Biometric data: never logged. */
public record FaceImage(String mimeType, byte[] bytes) {

    public FaceImage {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public String toString() {
        return "FaceImage[" + mimeType + ", " + bytes.length + " bytes]";
    }
}
