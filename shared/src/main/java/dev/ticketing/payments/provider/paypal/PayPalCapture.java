package dev.ticketing.payments.provider.paypal;

/**
 * The outcome of capturing an order. {@code status} is the capture's own status
 * ({@code purchase_units[0].payments.captures[0].status}), not the order's: PayPal warns that a COMPLETED order
 * can still carry a DECLINED or PENDING capture, and only a COMPLETED capture means the money moved.
 */
public record PayPalCapture(String orderId, String captureId, String status) {
    public static final String COMPLETED = "COMPLETED";
    public static final String PENDING = "PENDING";
    public static final String DECLINED = "DECLINED";

    public boolean isCompleted() {
        return COMPLETED.equals(status);
    }
}
