package dev.ticketing.events.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * {@code GET /events/{id}}: the event's fields, and for a CANCELLED event its {@link Cancellation} (absent otherwise).
 */
public record EventDetails(@JsonUnwrapped Event event,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Cancellation cancellation) {
}
