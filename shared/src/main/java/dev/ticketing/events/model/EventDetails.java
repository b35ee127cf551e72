package dev.ticketing.events.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * {@code GET /events/{id}}: the event's fields, and for a CANCELLED event its {@link Cancellation} (absent otherwise),
 * for a CREATING or FAILED one how far its seats have got ({@link Creation}, absent otherwise).
 */
public record EventDetails(@JsonUnwrapped Event event,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Cancellation cancellation,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Creation creation) {

    /** An event without a cancellation or a creation in progress to show. */
    public EventDetails(Event event, Cancellation cancellation) {
        this(event, cancellation, null);
    }

    /** How far a CREATING (or FAILED) event's seats have got: {@code seatsWritten} of {@code seats}. */
    public record Creation(int seats, int seatsWritten) {
    }
}
