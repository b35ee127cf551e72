package dev.ticketing.admission;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ticketing.input.Instants;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.seats.model.SeatLayout;
import dev.ticketing.tickets.model.Admission;
import dev.ticketing.tickets.model.IssuedTicket;
import dev.ticketing.tickets.model.Ticket;
import dev.ticketing.tickets.model.TicketStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The bytes of a door list (the signed "manifest" body), written as a stream, compact: positional arrays, no spaces.
 * <pre>
 * {"eventId","version","since","complete","generatedAt","sold",
 *  "keys":[{"keyId","publicKey"}],
 *  "tickets":[[ticketId, codeVersion, seatLabel, buyerName]],   valid (PAID) tickets
 *  "revoked":[[ticketId, codeVersion]],                          refunded or cancelled
 *  "admitted":[[ticketId, deviceId, at]]}                        let in (the first admission)
 * </pre>
 * Tickets are in seat order (row, seat): neighbours share most of their label, which gzip finds.
 */
final class DoorListBody {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Comparator<IssuedTicket> SEAT_ORDER = Comparator
            .comparingInt((IssuedTicket issued) -> issued.ticket().row())
            .thenComparingInt(issued -> issued.ticket().column())
            .thenComparing(issued -> issued.ticket().id());

    private DoorListBody() {
    }

    /** What the list states besides its tickets. */
    record Head(String eventId, long version, Long since, Instant generatedAt, long sold, Map<String, byte[]> keys) {
    }

    static byte[] write(Head head, SeatLayout layout, List<IssuedTicket> changed) {
        List<IssuedTicket> ordered = changed.stream().sorted(SEAT_ORDER).toList();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + ordered.size() * 90);
        try (JsonGenerator out = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            out.writeStartObject();
            out.writeStringField("eventId", head.eventId());
            out.writeNumberField("version", head.version());
            out.writeFieldName("since");
            if (head.since() == null) {
                out.writeNull();
            } else {
                out.writeNumber(head.since());
            }
            out.writeBooleanField("complete", head.since() == null);
            out.writeStringField("generatedAt", Instants.text(head.generatedAt()));
            out.writeNumberField("sold", head.sold());
            out.writeArrayFieldStart("keys");
            for (Map.Entry<String, byte[]> key : head.keys().entrySet()) {
                out.writeStartObject();
                out.writeStringField("keyId", key.getKey());
                out.writeStringField("publicKey", BASE64URL.encodeToString(key.getValue()));
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeArrayFieldStart("tickets");
            for (IssuedTicket issued : ordered) {
                if (valid(issued)) {
                    Ticket ticket = issued.ticket();
                    out.writeStartArray();
                    out.writeString(ticket.id());
                    out.writeNumber(issued.codeVersion());
                    out.writeString(layout.nameOf(new SeatId(ticket.row(), ticket.column())));
                    out.writeString(issued.buyerName());
                    out.writeEndArray();
                }
            }
            out.writeEndArray();
            out.writeArrayFieldStart("revoked");
            for (IssuedTicket issued : ordered) {
                if (!valid(issued)) {
                    out.writeStartArray();
                    out.writeString(issued.ticket().id());
                    out.writeNumber(issued.codeVersion());
                    out.writeEndArray();
                }
            }
            out.writeEndArray();
            out.writeArrayFieldStart("admitted");
            for (IssuedTicket issued : ordered) {
                Admission first = issued.admission();
                if (valid(issued) && first != null) {
                    out.writeStartArray();
                    out.writeString(issued.ticket().id());
                    out.writeString(first.deviceId());
                    out.writeString(Instants.text(first.at()));
                    out.writeEndArray();
                }
            }
            out.writeEndArray();
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Whether a ticket of the door index admits with its current code: PAID (else it was refunded or cancelled). */
    static boolean valid(IssuedTicket issued) {
        return issued.ticket().status() == TicketStatus.PAID;
    }
}
