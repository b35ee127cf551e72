package dev.ticketing.delivery.documents;

import dev.ticketing.delivery.model.OrderDocument;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.stream.Collectors;

/**
 * An order's event as an iCalendar entry (RFC 5545): one VEVENT whose UID is the order's (a second mail of the same
 * order updates the entry instead of adding one), starting at the event's start in UTC ({@code DTSTART:...Z}, which
 * every calendar shows in its reader's own zone), with the event's name as summary and the order and seats as
 * description. There is no end: events do not state how long they last, and a DATE-TIME start without DTEND or
 * DURATION is an event of no duration (RFC 5545, 3.6.1). Lines end in CRLF and are folded at 75 octets.
 */
public final class CalendarEntry {
    /** RFC 5545's UTC date-time form: {@code 20270214T203000Z}. */
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int MAX_OCTETS = 75;

    private CalendarEntry() {
    }

    /** The entry of {@code order}'s event, stamped {@code now} (DTSTAMP). */
    public static String of(OrderDocument order, Instant now) {
        Texts texts = Texts.of(order.language());
        String seats = order.tickets().stream().filter(sheet -> sheet.code() != null)
                .map(texts::seat).collect(Collectors.joining("; "));
        StringBuilder entry = new StringBuilder();
        line(entry, "BEGIN:VCALENDAR");
        line(entry, "VERSION:2.0");
        line(entry, "PRODID:-//Ticketing//Order confirmation//EN");
        line(entry, "CALSCALE:GREGORIAN");
        line(entry, "METHOD:PUBLISH");
        line(entry, "BEGIN:VEVENT");
        line(entry, "UID:order-" + order.orderCode() + "@ticketing");
        line(entry, "DTSTAMP:" + UTC.format(now.truncatedTo(ChronoUnit.SECONDS)));
        line(entry, "DTSTART:" + UTC.format(order.eventStart().truncatedTo(ChronoUnit.SECONDS)));
        line(entry, "SUMMARY:" + text(order.eventName()));
        line(entry, "DESCRIPTION:" + text(texts.get("calendar.description", order.orderCode(), seats)));
        line(entry, "END:VEVENT");
        line(entry, "END:VCALENDAR");
        return entry.toString();
    }

    /** A TEXT value escaped (RFC 5545, 3.3.11): backslash, semicolon, comma, newline. */
    static String text(String value) {
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
    }

    /** Appends a content line, folded so that no line is longer than 75 octets (never inside a UTF-8 character). */
    private static void line(StringBuilder out, String content) {
        int octets = 0;
        int limit = MAX_OCTETS;
        for (int i = 0; i < content.length(); ) {
            int codePoint = content.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append("\r\n ");
                octets = 0;
                limit = MAX_OCTETS - 1; // the leading space of a continuation line counts
            }
            out.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        out.append("\r\n");
    }
}
