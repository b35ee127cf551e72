package dev.ticketing.events.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * Where the cancellation of an event stands, as {@code GET /events/{id}} shows it: why and when it was cancelled;
 * {@code tickets}, the tickets sold when it was cancelled (null until counted, moments after the cancel); of those,
 * {@code refunded} (the payment REFUNDED at its provider), {@code failed} (the provider refused the refund: see
 * {@code failures}) and {@code pending} (not yet done; null until counted); {@code finished} once every page of the
 * hall has been gone through. Counts are tickets, not payments: a payment of three seats counts three.
 */
public record Cancellation(String reason, Instant cancelledAt, @JsonInclude(JsonInclude.Include.ALWAYS) Integer tickets,
                           int refunded, int failed, @JsonInclude(JsonInclude.Include.ALWAYS) Integer pending,
                           boolean finished, List<Failure> failures) {

    /** A payment whose refund the provider refused, and what it said. */
    public record Failure(String paymentId, String reason, Instant at) {
    }
}
