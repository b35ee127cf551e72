package dev.ticketing.delivery;

import dev.ticketing.delivery.documents.Texts;
import dev.ticketing.delivery.documents.TicketPdf;
import dev.ticketing.delivery.model.OrderDocument;
import dev.ticketing.events.EventOrganisers;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.identity.Caller;
import dev.ticketing.orders.items.OrderReader;
import dev.ticketing.orders.model.PlacedOrder;
import dev.ticketing.problems.NotFoundException;
import dev.ticketing.store.Ids;
import dev.ticketing.store.Table;
import dev.ticketing.tickets.items.TicketItems;
import dev.ticketing.tickets.model.IssuedTicket;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * {@code GET /orders/{code}.pdf} and {@code GET /tickets/{id}.pdf}: the same PDF as the confirmation mail's, made
 * again from the order as it is now (a refunded ticket's page says it is cancelled). An order's PDF is for its buyer,
 * the event's organiser and admins; a ticket's for its buyer (found among the caller's own tickets). To anyone else
 * it does not exist (404).
 */
@Singleton
public class PrintTickets {
    /** A PDF and the name to save it under. */
    public record Pdf(String fileName, byte[] content) {
    }

    private final Table table;
    private final OrderReader orders;
    private final EventReader events;
    private final OrderDocuments documents;
    private final TicketItems tickets;

    public PrintTickets(Table table, OrderReader orders, EventReader events, OrderDocuments documents) {
        this.table = table;
        this.orders = orders;
        this.events = events;
        this.documents = documents;
        this.tickets = new TicketItems(table);
    }

    /** The PDF of order {@code code} (as typed) with every ticket, if the caller may have it; 404 otherwise. */
    public Pdf order(Caller caller, String code) {
        PlacedOrder order = orders.find(code)
                .filter(found -> found.userId().equals(caller.userId()) || caller.admin()
                        || EventOrganisers.organises(caller, events.get(found.eventId())))
                .orElseThrow(() -> new NotFoundException("Order " + Ids.quoted(code) + " does not exist"));
        OrderDocument document = documents.of(order);
        return new Pdf(Texts.of(document.language()).get("file.tickets", order.code()),
                TicketPdf.render(document, null));
    }

    /** The PDF of the caller's ticket {@code ticketId}, one page; 404 when the caller has no such sold ticket. */
    public Pdf ticket(Caller caller, String ticketId) {
        NotFoundException none = new NotFoundException("Ticket " + Ids.quoted(ticketId) + " does not exist");
        IssuedTicket ticket = mine(caller, ticketId).orElseThrow(() -> none);
        PlacedOrder order = Optional.ofNullable(ticket.orderCode()).flatMap(orders::find).orElseThrow(() -> none);
        OrderDocument document = documents.of(order);
        return new Pdf(Texts.of(document.language()).get("file.ticket", ticketId),
                TicketPdf.render(document, ticketId));
    }

    /** The caller's ticket of that id, looked for among their own tickets (gsi1, a page at a time). */
    private Optional<IssuedTicket> mine(Caller caller, String ticketId) {
        if (ticketId == null || !Ids.isServerMade(ticketId)) {
            return Optional.empty();
        }
        return table.client().queryPaginator(tickets.userQuery(caller.userId())).items().stream()
                .map(TicketItems::issuedOf)
                .filter(issued -> issued.ticket().id().equals(ticketId))
                .findFirst();
    }
}
