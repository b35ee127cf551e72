package dev.ticketing.events.model;

/**
 * Where an event is in its creation. The event item is written first ({@code CREATING}) and its seats after it, so
 * every seat belongs to an event somebody can see and resume; it is {@code ON_SALE} once every seat is written.
 * {@code FAILED}: writing the seats stopped (the event says why); a retry of the same {@code POST /events} (same
 * {@code Idempotency-Key}) resumes it. Only an {@code ON_SALE} event is held or shown as a seat map.
 * {@code CANCELLED}: an organiser called the show off ({@code POST /events/{id}/cancel}); from then on nothing of it is
 * held or sold, and its holds, payments and sales are ended and refunded (see {@code events.CancelEvent}). It stays
 * listed, saying so.
 */
public enum EventStatus {
    CREATING, FAILED, ON_SALE, CANCELLED
}
