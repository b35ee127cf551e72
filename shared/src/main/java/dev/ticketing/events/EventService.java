package dev.ticketing.events;

import dev.ticketing.identity.Caller;
import dev.ticketing.seats.SeatStore;
import jakarta.inject.Singleton;
import java.util.List;

/** Creating and finding events. */
@Singleton
public class EventService {
    private final EventStore events;
    private final SeatStore seats;

    public EventService(EventStore events, SeatStore seats) {
        this.events = events;
        this.seats = seats;
    }

    /**
     * Creates the event with every seat AVAILABLE. Seats are written first and the event last, so an event
     * that can be found always has all its seats.
     */
    public Event create(Caller caller, NewEvent request) {
        caller.requireAdmin();
        Event event = request.validate();
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
