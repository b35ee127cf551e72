package dev.ticketing.testing;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/** Reads a tickets' PDF back as a person and a door scanner would: each page's text, and its QR code decoded. */
public final class TicketPdfs {
    /** One page: its text (PDFBox's extraction) and what its QR code says (null when it has none). */
    public record Page(String text, String qrCode) {
    }

    private TicketPdfs() {
    }

    public static List<Page> read(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(document);
            List<Page> pages = new ArrayList<>();
            for (int i = 0; i < document.getNumberOfPages(); i++) {
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setStartPage(i + 1);
                stripper.setEndPage(i + 1);
                // ZXing's detector now and then misses a code at one resolution that it reads at another: a page whose
                // QR it does not find at 150 dpi is read again at 300 before it counts as having none
                String code = decode(renderer.renderImageWithDPI(i, 150, ImageType.RGB));
                if (code == null) {
                    code = decode(renderer.renderImageWithDPI(i, 300, ImageType.RGB));
                }
                pages.add(new Page(stripper.getText(document), code));
            }
            return pages;
        } catch (IOException e) {
            throw new UncheckedIOException("not a readable PDF", e);
        }
    }

    /** The text of a QR code in {@code image}; null when there is none. */
    public static String decode(BufferedImage image) {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        try {
            return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        } catch (NotFoundException | ChecksumException | FormatException e) {
            return null;
        }
    }
}
