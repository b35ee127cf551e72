package dev.ticketing.orders;

import dev.ticketing.admission.keys.TicketCodes;
import dev.ticketing.admission.model.TicketCode;
import dev.ticketing.identity.Caller;
import dev.ticketing.orders.items.OrderReader;
import dev.ticketing.orders.model.Order;
import dev.ticketing.orders.model.OrderLine;
import dev.ticketing.orders.model.OrderStatus;
import dev.ticketing.orders.model.OrderTicket;
import dev.ticketing.orders.model.PlacedOrder;
import dev.ticketing.problems.NotFoundException;
import dev.ticketing.store.Ids;
import dev.ticketing.store.Page;
import dev.ticketing.store.Table;
import dev.ticketing.tickets.items.TicketItems;
import dev.ticketing.tickets.model.IssuedTicket;
import dev.ticketing.tickets.model.TicketStatus;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /me/orders} and {@code GET /orders/{code}}: orders with their tickets as they are now (read strongly
 * consistently from the hold's partition: a refunded ticket reads CANCELLED at once) and each PAID ticket's code.
 * An order is shown to its buyer, to staff and to admins; to anyone else it does not exist (404, so codes reveal
 * nothing). The event's organiser is to see it too once events carry their organiser.
 */
@Singleton
public class ReadOrders {
    private final Table table;
    private final OrderReader orders;
    private final TicketCodes codes;
    private final TicketItems tickets;

    public ReadOrders(Table table, OrderReader orders, TicketCodes codes) {
        this.table = table;
        this.orders = orders;
        this.codes = codes;
        this.tickets = new TicketItems(table);
    }

    /** A page of at most {@code limit} of the caller's orders, newest first, after {@code cursor} (null: the first). */
    public Page<Order> mine(Caller caller, int limit, String cursor) {
        Page<PlacedOrder> page = orders.ofUser(caller.userId(), limit, cursor);
        return new Page<>(page.items().stream().map(this::view).toList(), page.next());
    }

    /** The order of {@code code} (as typed: case and dash do not matter) if the caller may see it; 404 otherwise. */
    public Order byCode(Caller caller, String code) {
        return orders.find(code)
                .filter(order -> order.userId().equals(caller.userId()) || caller.admin() || caller.staff())
                .map(this::view)
                .orElseThrow(() -> new NotFoundException("Order " + Ids.quoted(code) + " does not exist"));
    }

    /**
     * {@code placed} with its tickets as they are now and each PAID ticket's code, whoever asks (for a caller that
     * decided who may see it: the order's own mail and PDF).
     */
    public Order asItIsNow(PlacedOrder placed) {
        return view(placed);
    }

    private Order view(PlacedOrder placed) {
        Map<String, IssuedTicket> now = new HashMap<>();
        table.client().queryPaginator(tickets.holdQuery(placed.holdId())).items().stream()
                .map(TicketItems::issuedOf)
                .forEach(issued -> now.put(issued.ticket().id(), issued));
        List<OrderTicket> lines = placed.lines().stream().map(line -> ticket(placed, line, now.get(line.ticketId()))).toList();
        OrderStatus status = lines.stream().anyMatch(ticket -> ticket.status() == TicketStatus.PAID)
                ? OrderStatus.PAID : OrderStatus.REFUNDED;
        return new Order(placed.code(), placed.eventId(), status, placed.total(), placed.currency(), placed.provider(),
                placed.buyer(), placed.paymentId(), placed.createdAt(), lines);
    }

    private OrderTicket ticket(PlacedOrder order, OrderLine line, IssuedTicket issued) {
        // the order and its tickets are written by one transaction, so a ticket of an order is always there
        TicketStatus status = issued.ticket().status();
        String code = status == TicketStatus.PAID
                ? codes.issue(new TicketCode(line.ticketId(), order.holdId(), order.eventId(), line.seatId(),
                issued.codeVersion()))
                : null;
        return new OrderTicket(line.ticketId(), line.seatId(), line.row(), line.seat(),
                line.printedLabel(), line.price(), status, code,
                issued.admission() == null ? null : issued.admission().at());
    }
}
