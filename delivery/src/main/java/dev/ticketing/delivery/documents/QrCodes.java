package dev.ticketing.delivery.documents;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A ticket code as a QR code (ZXing): the modules only, without the quiet zone, dark = true. Level M, as
 * docs/orders-and-admission.md sizes codes for (168 characters: version 9, 53 modules a side).
 */
public final class QrCodes {
    private QrCodes() {
    }

    /** The modules of {@code text}'s QR code, {@code [y][x]}, dark = true. */
    public static boolean[][] modules(String text) {
        try {
            ByteMatrix matrix = Encoder.encode(text, ErrorCorrectionLevel.M,
                    Map.of(EncodeHintType.CHARACTER_SET, StandardCharsets.ISO_8859_1.name())).getMatrix();
            boolean[][] dark = new boolean[matrix.getHeight()][matrix.getWidth()];
            for (int y = 0; y < matrix.getHeight(); y++) {
                for (int x = 0; x < matrix.getWidth(); x++) {
                    dark[y][x] = matrix.get(x, y) == 1;
                }
            }
            return dark;
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot make a QR code of a text of " + text.length() + " characters", e);
        }
    }
}
