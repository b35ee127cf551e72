package dev.ticketing.events.creation;

import dev.ticketing.events.Event;
import dev.ticketing.events.EventStore;
import dev.ticketing.events.NewEvent;
import dev.ticketing.identity.Caller;
import dev.ticketing.seats.SeatStore;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/** Creating events with their seats, and finding them: composes the event and seat stores, so it sits above both. */
@Singleton
public class EventService {
    private final EventStore events;
    private final SeatStore seats;
    private final Clock clock;

    public EventService(EventStore events, SeatStore seats, Clock clock) {
        this.events = events;
        this.seats = seats;
        this.clock = clock;
    }

    /**
     * Creates the event with every seat AVAILABLE. Seats are written first and the event last, so an event
     * that can be found always has all its seats.
     */
    public Event create(Caller caller, NewEvent request) {
        caller.requireAdmin();
        Event event = request.validate(clock.instant());
        seats.createAll(event);
        events.put(event);
        return event;
    }

    public Event get(String eventId) {
        return events.get(eventId);
    }

    public List<Event> list() {
        return events.list();
    }
}
