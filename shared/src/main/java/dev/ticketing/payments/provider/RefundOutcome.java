package dev.ticketing.payments.provider;

/** A refund the provider accepted; {@code completed} once the money is on its way back. */
public record RefundOutcome(String refundId, boolean completed) {
}
