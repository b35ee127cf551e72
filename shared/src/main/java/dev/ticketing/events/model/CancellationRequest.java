package dev.ticketing.events.model;

import dev.ticketing.input.Fields;

/**
 * The body of {@code POST /events/{id}/cancel}: {@code {"reason": "..."}}, the reason buyers and the organiser's
 * records are given: required, at most {@link #MAX_REASON} characters.
 */
public record CancellationRequest(String reason) {
    public static final int MAX_REASON = 500;

    /** The reason, trimmed; a 400 naming the field when it is missing, blank or too long. */
    public String validReason() {
        return Fields.text("reason", reason, MAX_REASON);
    }
}
