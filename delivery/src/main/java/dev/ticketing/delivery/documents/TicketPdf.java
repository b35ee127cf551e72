package dev.ticketing.delivery.documents;

import dev.ticketing.delivery.model.OrderDocument;
import dev.ticketing.delivery.model.TicketSheet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * An order's tickets as a PDF (PDFBox), one A4 page per ticket: the event, its date and time in the event's zone, the
 * seat, the buyer's name, the order's code and the ticket's QR code (drawn as vector squares, so it stays sharp at any
 * zoom and prints crisply), in the order's language. A cancelled ticket's page says so and carries no code.
 *
 * <p>Fonts: the PDF standard Helvetica, which every reader has and nothing needs embedding for; it covers the Latin-1
 * letters of Italian and English. A character it cannot show (a name in another script) is printed as its base letter
 * where it has one (ő -> o), else as {@code ?}: the name on a ticket is for reading out at the door, the code is what
 * admits.
 */
public final class TicketPdf {
    private static final float MARGIN = 56;
    private static final float QR_SIZE = 230;
    private static final PDFont BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private static final PDFont REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

    private TicketPdf() {
    }

    /** The PDF of {@code order}'s tickets (all of them, or the one of {@code onlyTicketId} when not null). */
    public static byte[] render(OrderDocument order, String onlyTicketId) {
        Texts texts = Texts.of(order.language());
        List<TicketSheet> sheets = order.tickets().stream()
                .filter(sheet -> onlyTicketId == null || sheet.ticketId().equals(onlyTicketId)).toList();
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(printable(REGULAR, texts.get("pdf.title") + " - " + order.eventName() + " - " + order.orderCode()));
            info.setCreator("Ticketing");
            for (int i = 0; i < sheets.size(); i++) {
                page(document, texts, order, sheets.get(i), i + 1, order.tickets().indexOf(sheets.get(i)) + 1);
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the tickets' PDF could not be written", e);
        }
    }

    private static void page(PDDocument document, Texts texts, OrderDocument order, TicketSheet sheet, int pageNumber,
                             int ticketNumber) throws IOException {
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        float width = page.getMediaBox().getWidth();
        float top = page.getMediaBox().getHeight() - MARGIN;
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
            float y = top;
            y = line(content, REGULAR, 11, MARGIN, y, texts.get("pdf.page", ticketNumber, order.tickets().size()));
            y -= 10;
            for (String part : wrap(BOLD, 24, order.eventName(), width - 2 * MARGIN)) {
                y = line(content, BOLD, 24, MARGIN, y, part);
            }
            y -= 8;
            y = field(content, y, texts.get("pdf.date"), texts.dateTime(order.eventStart(), order.zone()));
            y = field(content, y, texts.get("pdf.seat"), texts.seat(sheet));
            y = field(content, y, texts.get("pdf.name"), order.buyerName() == null ? "-" : order.buyerName());
            y = field(content, y, texts.get("pdf.order"), order.orderCode());
            if (sheet.price() != null) {
                y = field(content, y, texts.get("pdf.price"), texts.money(sheet.price(), order.currency()));
            }
            y -= 16;
            if (sheet.code() == null) {
                line(content, BOLD, 16, MARGIN, y, texts.get("pdf.cancelled"));
                return;
            }
            float qrTop = y;
            qr(content, QrCodes.modules(sheet.code()), (width - QR_SIZE) / 2, qrTop - QR_SIZE, QR_SIZE);
            y = qrTop - QR_SIZE - 24;
            for (String part : wrap(REGULAR, 11, texts.get("pdf.note"), width - 2 * MARGIN)) {
                y = line(content, REGULAR, 11, MARGIN, y, part);
            }
        }
    }

    private static float field(PDPageContentStream content, float y, String label, String value) throws IOException {
        line(content, REGULAR, 10, MARGIN, y, label.toUpperCase(java.util.Locale.ROOT));
        return line(content, BOLD, 15, MARGIN, y - 13, value) - 6;
    }

    /** Writes one line at {@code (x, y)} (its baseline) and answers the next line's baseline. */
    private static float line(PDPageContentStream content, PDFont font, float size, float x, float y, String text)
            throws IOException {
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, y - size);
        content.showText(printable(font, text));
        content.endText();
        return y - size * 1.35f;
    }

    /** The modules, dark ones as filled squares; a row's run of dark modules is one rectangle. */
    private static void qr(PDPageContentStream content, boolean[][] modules, float x, float y, float size)
            throws IOException {
        // a quiet zone of 4 modules on every side, as the QR standard asks, inside the square drawn
        int count = modules.length + 8;
        float module = size / count;
        content.setNonStrokingColor(0f);
        for (int row = 0; row < modules.length; row++) {
            int column = 0;
            while (column < modules[row].length) {
                if (!modules[row][column]) {
                    column++;
                    continue;
                }
                int start = column;
                while (column < modules[row].length && modules[row][column]) {
                    column++;
                }
                float top = y + size - (row + 4) * module;
                content.addRect(x + (start + 4) * module, top - module, (column - start) * module, module);
            }
        }
        content.fill();
    }

    private static List<String> wrap(PDFont font, float size, String text, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : printable(font, text).split(" ")) {
            String candidate = current.isEmpty() ? word : current + " " + word;
            if (!current.isEmpty() && font.getStringWidth(candidate) / 1000 * size > width) {
                lines.add(current.toString());
                current = new StringBuilder(word);
            } else {
                current = new StringBuilder(candidate);
            }
        }
        lines.add(current.toString());
        return lines;
    }

    /** {@code text} with every character the font cannot show replaced by its base letter, or {@code ?}. */
    static String printable(PDFont font, String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> {
            String character = new String(Character.toChars(Character.isISOControl(codePoint) ? ' ' : codePoint));
            if (shows(font, character)) {
                out.append(character);
                return;
            }
            String base = Normalizer.normalize(character, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
            out.append(!base.isEmpty() && shows(font, base) ? base : "?");
        });
        return out.toString();
    }

    private static boolean shows(PDFont font, String text) {
        try {
            font.encode(text);
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }
}
