package dev.ticketing.payments.provider.paypal;

/** A refund of a capture; {@code status} is COMPLETED, PENDING, FAILED or CANCELLED. */
public record PayPalRefund(String id, String status) {
    public static final String COMPLETED = "COMPLETED";

    public boolean isCompleted() {
        return COMPLETED.equals(status);
    }
}
