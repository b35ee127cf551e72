package dev.ticketing.events.creation;

import dev.ticketing.events.Event;
import dev.ticketing.store.Page;
import dev.ticketing.events.EventStore;
import dev.ticketing.events.NewEvent;
import dev.ticketing.events.PriceTier;
import dev.ticketing.identity.Caller;
import dev.ticketing.payments.gateway.PaymentGateways;
import dev.ticketing.problems.InvalidRequestException;
import java.util.Map;
import dev.ticketing.seats.SeatStore;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Creating events with their seats, and finding them: composes the event and seat stores, so it sits above both. */
@Singleton
public class EventService {
    private final EventStore events;
    private final SeatStore seats;
    private final Clock clock;

    private final PaymentGateways gateways;

    public EventService(EventStore events, SeatStore seats, PaymentGateways gateways, Clock clock) {
        this.events = events;
        this.seats = seats;
        this.gateways = gateways;
        this.clock = clock;
    }

    /**
     * Creates the event with every seat AVAILABLE. Seats are written first and the event last, so an event
     * that can be found always has all its seats. Prices must be chargeable by every enabled provider (400 naming
     * the provider's rule otherwise).
     */
    public Event create(Caller caller, NewEvent request) {
        caller.requireAdmin();
        Event event = request.validate(clock.instant());
        for (PriceTier tier : event.prices()) {
            // a price some enabled provider cannot charge would make every checkout of those seats fail: refuse it now
            gateways.unchargeable(tier.price(), event.currency()).ifPresent(reason -> {
                throw new InvalidRequestException(reason, Map.of("fromRow", tier.fromRow(), "toRow", tier.toRow()));
            });
        }
        seats.createAll(event);
        events.put(event);
        return event;
    }

    public Event get(String eventId) {
        return events.get(eventId);
    }

    /** A page of the events, soonest first (see {@link EventStore#page}). */
    public Page<Event> page(int limit, String cursor) {
        return events.page(limit, cursor);
    }
}
