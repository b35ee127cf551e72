package dev.ticketing.payments.provider.card;

/** A refund of a charge; {@code status} succeeded, pending or failed. */
public record CardRefund(String id, String status) {
    public boolean succeeded() {
        return "succeeded".equals(status);
    }
}
