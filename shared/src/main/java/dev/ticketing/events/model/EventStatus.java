package dev.ticketing.events.model;

/**
 * Where an event is in its creation. The event item is written first ({@code CREATING}) and its seats after it, so
 * every seat belongs to an event somebody can see and resume; it is {@code ON_SALE} once every seat is written.
 * {@code FAILED}: writing the seats stopped (the event says why); a retry of the same {@code POST /events} (same
 * {@code Idempotency-Key}) resumes it. Only an {@code ON_SALE} event is listed, held or shown as a seat map.
 */
public enum EventStatus {
    CREATING, FAILED, ON_SALE
}
