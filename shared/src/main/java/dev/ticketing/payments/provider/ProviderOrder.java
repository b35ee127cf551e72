package dev.ticketing.payments.provider;

import java.math.BigDecimal;

/**
 * What a provider's own API says about one order (PayPal: GET /v2/checkout/orders/{id}; card checkout: GET
 * /v1/checkout/sessions/{id}), never what a webhook body claims. {@code paymentReference} is the payment id we
 * gave the provider with the order (PayPal's purchase unit {@code custom_id}, the card session's {@code reference});
 * {@code amount}/{@code currency} the order's total; {@code capture*} the money taken, if any, and
 * {@code refundedAmount} how much of it went back (refunds and reversals alike; zero when none).
 */
public record ProviderOrder(String orderId, CheckoutState state, String paymentReference, BigDecimal amount,
                            String currency, String captureId, CaptureStatus captureStatus, BigDecimal captureAmount,
                            String captureCurrency, BigDecimal refundedAmount) {

    /** The capture's state at the provider. */
    public enum CaptureStatus {
        /** Nothing captured yet. */
        NONE,
        PENDING,
        COMPLETED,
        DECLINED,
        /** Part of the money went back. */
        PARTIALLY_REFUNDED,
        /** All of the money went back (a refund or a reversal). */
        REFUNDED
    }

    /** Whether money was taken (and not necessarily all kept). */
    public boolean captured() {
        return captureStatus == CaptureStatus.COMPLETED || captureStatus == CaptureStatus.PARTIALLY_REFUNDED
                || captureStatus == CaptureStatus.REFUNDED;
    }
}
