package vn.dinhdanh.waiting;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class QrCodeTest {

    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");

    @Test
    @DisplayName("the SVG's rectangles draw a QR code that a reader decodes to the payload")
    void decodes() throws Exception {
        String payload = "vneid://chip-login?realm=dinhdanh&challengeId=AbCdEfGhIjKlMnOpQrStUv&nonce=AAECAwQFBgc";
        String svg = QrCode.svg(payload);

        Matcher box = VIEW_BOX.matcher(svg);
        assertThat(box.find()).isTrue();
        int size = Integer.parseInt(box.group(1));
        BitMatrix drawn = new BitMatrix(size, size);
        Matcher run = RUN.matcher(svg);
        int runs = 0;
        while (run.find()) {
            assertThat(run.group(3)).isEqualTo(run.group(4));
            drawn.setRegion(Integer.parseInt(run.group(1)), Integer.parseInt(run.group(2)), Integer.parseInt(run.group(3)), 1);
            runs++;
        }
        assertThat(runs).isPositive();

        String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new MatrixSource(drawn, 8)))).getText();
        assertThat(decoded).isEqualTo(payload);
    }

    /** The matrix as a grey image, {@code scale} pixels a module (a reader wants pixels, not modules). */
    private static final class MatrixSource extends com.google.zxing.LuminanceSource {
        private final BitMatrix matrix;
        private final int scale;

        MatrixSource(BitMatrix matrix, int scale) {
            super(matrix.getWidth() * scale, matrix.getHeight() * scale);
            this.matrix = matrix;
            this.scale = scale;
        }

        @Override
        public byte[] getRow(int y, byte[] row) {
            byte[] out = row != null && row.length >= getWidth() ? row : new byte[getWidth()];
            for (int x = 0; x < getWidth(); x++) {
                out[x] = matrix.get(x / scale, y / scale) ? 0 : (byte) 255;
            }
            return out;
        }

        @Override
        public byte[] getMatrix() {
            byte[] all = new byte[getWidth() * getHeight()];
            for (int y = 0; y < getHeight(); y++) {
                System.arraycopy(getRow(y, null), 0, all, y * getWidth(), getWidth());
            }
            return all;
        }
    }
}
