package dev.ticketing.delivery;

import dev.ticketing.config.MailConfig;
import dev.ticketing.delivery.model.OrderDocument;
import dev.ticketing.delivery.model.TicketSheet;
import dev.ticketing.events.items.EventReader;
import dev.ticketing.events.model.Event;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.seats.model.SeatLayout;
import dev.ticketing.seats.model.SeatPlace;
import dev.ticketing.orders.ReadOrders;
import dev.ticketing.orders.model.Languages;
import dev.ticketing.orders.model.Order;
import dev.ticketing.orders.model.PlacedOrder;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * What an order's mail and PDF say, gathered from the order (its tickets as they are now, with their codes:
 * {@link ReadOrders#asItIsNow}) and its event (name, start; printed in {@code EVENT_TIME_ZONE}).
 */
@Singleton
public class OrderDocuments {
    private final ReadOrders orders;
    private final EventReader events;
    private final MailConfig config;

    public OrderDocuments(ReadOrders orders, EventReader events, MailConfig config) {
        this.orders = orders;
        this.events = events;
        this.config = config;
    }

    /** The document of {@code placed}; its event must exist (an order's event is never deleted). */
    public OrderDocument of(PlacedOrder placed) {
        Order order = orders.asItIsNow(placed);
        Event event = events.get(placed.eventId());
        SeatLayout layout = event.layout();
        List<TicketSheet> sheets = order.tickets().stream()
                .map(ticket -> {
                    SeatPlace place = layout.placeOf(new SeatId(ticket.row(), ticket.seat()));
                    return new TicketSheet(ticket.id(), ticket.row(), ticket.seat(), ticket.price(), ticket.code(),
                            place == null ? null : place.name());
                })
                .toList();
        return new OrderDocument(placed.code(), placed.eventId(), event.name(), event.date(),
                // the event's own zone (its venue's), else the stack's EVENT_TIME_ZONE
                event.timeZone() != null ? java.time.ZoneId.of(event.timeZone()) : config.eventTimeZone(),
                placed.buyer() == null ? null : placed.buyer().name(),
                placed.buyer() == null ? Languages.DEFAULT : placed.buyer().language(), placed.total(),
                placed.currency(), sheets);
    }
}
