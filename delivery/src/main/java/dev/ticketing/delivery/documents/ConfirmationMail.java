package dev.ticketing.delivery.documents;

import dev.ticketing.delivery.model.Attachment;
import dev.ticketing.delivery.model.MailMessage;
import dev.ticketing.delivery.model.OrderDocument;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The order confirmation mail, in the order's language: a plain-text body (greeting, the order, the event and when,
 * the seats, the total), the tickets' PDF ({@link TicketPdf}) and the event's calendar entry ({@link CalendarEntry})
 * attached. Its {@code Message-ID} is the order's, so a mail sent twice is recognisably the same mail.
 */
public final class ConfirmationMail {
    /** The media type of the calendar entry: a published event, UTF-8 (RFC 5545, 8.1). */
    public static final String CALENDAR_TYPE = "text/calendar; charset=UTF-8; method=PUBLISH";
    public static final String PDF_TYPE = "application/pdf";

    private ConfirmationMail() {
    }

    /** The mail of {@code order} from {@code from} to {@code to}, written at {@code now}. */
    public static MailMessage of(OrderDocument order, String from, String to, Instant now) {
        Texts texts = Texts.of(order.language());
        String when = texts.dateTime(order.eventStart(), order.zone());
        StringBuilder body = new StringBuilder();
        body.append(texts.get("mail.greeting", order.buyerName() == null ? "" : order.buyerName())).append("\n\n");
        body.append(texts.get("mail.intro", order.orderCode(), order.eventName(), when)).append("\n\n");
        body.append(texts.get("mail.tickets")).append('\n');
        order.tickets().forEach(sheet -> body.append(texts.get("mail.ticket", texts.seat(sheet),
                sheet.price() == null ? "-" : texts.money(sheet.price(), order.currency()))).append('\n'));
        body.append('\n').append(texts.get("mail.total", texts.money(order.total(), order.currency()))).append("\n\n");
        body.append(texts.get("mail.calendar")).append('\n');
        body.append(texts.get("mail.download")).append("\n\n");
        body.append(texts.get("mail.closing")).append('\n');
        List<Attachment> attachments = List.of(
                new Attachment(texts.get("file.tickets", order.orderCode()), PDF_TYPE, TicketPdf.render(order, null)),
                new Attachment(texts.get("file.calendar", order.orderCode()), CALENDAR_TYPE,
                        CalendarEntry.of(order, now).getBytes(StandardCharsets.UTF_8)));
        return new MailMessage(from, to, order.buyerName(),
                texts.get("mail.subject", order.eventName(), order.orderCode()), body.toString(), attachments, now,
                "<order-" + order.orderCode() + "@ticketing>");
    }
}
