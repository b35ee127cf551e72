package dev.ticketing.admission;

import dev.ticketing.admission.model.TicketCode;
import dev.ticketing.store.Table;
import dev.ticketing.tickets.items.TicketItems;
import dev.ticketing.tickets.model.IssuedTicket;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The ticket a verified code names, as online and offline check-in read it. */
final class CodeTickets {
    private CodeTickets() {
    }

    /**
     * The ticket of {@code code}, read strongly consistently (admission decides on it); empty when there is none, or
     * when the ticket says another event or seat than the code (a signed code names its ticket's event and seat: a
     * ticket that says otherwise is not the one signed for).
     */
    static Optional<IssuedTicket> read(Table table, TicketCode code) {
        Map<String, AttributeValue> item = table.client()
                .getItem(new TicketItems(table).get(code.holdId(), code.ticketId())).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        IssuedTicket issued = TicketItems.issuedOf(item);
        boolean same = issued.ticket().eventId().equals(code.eventId()) && issued.ticket().seatId().equals(code.seatId());
        return same ? Optional.of(issued) : Optional.empty();
    }
}
