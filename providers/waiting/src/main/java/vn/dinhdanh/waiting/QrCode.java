package vn.dinhdanh.waiting;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/** A QR code as an SVG document (ZXing encodes; one path of module-high rectangles draws it, crisp at any size). */
public final class QrCode {

    private static final int QUIET_ZONE = 4;
    /**
     * One fixed data mask instead of ZXing trying all eight and scoring each (ISO 18004's penalty rules): the
     * encoding costs about a seventh (about 0.5 ms instead of 3.4 ms here), and the VNeID page draws a new code every
     * second for every waiting browser. Readers decode any mask; the penalty only steers clear of patterns that
     * old scanners misread, which a phone camera reads from a screen anyway.
     */
    private static final int MASK_PATTERN = 0;

    private QrCode() {
    }

    public static String svg(String payload) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, QUIET_ZONE,
                            EncodeHintType.QR_MASK_PATTERN, MASK_PATTERN));
        } catch (WriterException e) {
            throw new IllegalArgumentException("payload does not fit a QR code", e);
        }
        // One rectangle per horizontal run of dark modules (not one square per module): half the text to
        // build and send, on every chip page and every second of the VNeID page's QR code.
        StringBuilder path = new StringBuilder(matrix.getWidth() * matrix.getHeight() / 2);
        for (int y = 0; y < matrix.getHeight(); y++) {
            int x = 0;
            while (x < matrix.getWidth()) {
                if (!matrix.get(x, y)) {
                    x++;
                    continue;
                }
                int run = 1;
                while (x + run < matrix.getWidth() && matrix.get(x + run, y)) {
                    run++;
                }
                path.append('M').append(x).append(' ').append(y).append('h').append(run).append("v1h-").append(run).append('z');
                x += run;
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + matrix.getWidth() + " " + matrix.getHeight()
                + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\""
                + path + "\"/></svg>";
    }
}
