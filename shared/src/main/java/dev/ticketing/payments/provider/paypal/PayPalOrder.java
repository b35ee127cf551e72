package dev.ticketing.payments.provider.paypal;

import java.math.BigDecimal;
import java.net.URI;

/**
 * A checkout order as PayPal reports it. {@code status} is PayPal's: CREATED or PAYER_ACTION_REQUIRED (the
 * buyer has not approved yet; which one depends on how the order was created), APPROVED, COMPLETED or VOIDED.
 * {@code approveUrl} is where to send the buyer (the {@code approve} or {@code payer-action} link); null once
 * there is nothing left to approve. {@code captureId} is set once the order has been captured; {@code amount} and
 * {@code currency} are the purchase unit's, {@code captureStatus} (COMPLETED, PENDING, DECLINED, PARTIALLY_REFUNDED,
 * REFUNDED, FAILED) and {@code captureAmount} the capture's, {@code refunded} the sum of the purchase unit's
 * {@code payments.refunds} (zero when none), as PayPal's Orders v2 "show order details" answers them.
 */
public record PayPalOrder(String id, String status, URI approveUrl, String customId, String referenceId,
                          String captureId, BigDecimal amount, String currency, String captureStatus,
                          BigDecimal captureAmount, String captureCurrency, BigDecimal refunded) {
    public static final String CREATED = "CREATED";
    public static final String PAYER_ACTION_REQUIRED = "PAYER_ACTION_REQUIRED";
    public static final String APPROVED = "APPROVED";
    public static final String COMPLETED = "COMPLETED";
    public static final String VOIDED = "VOIDED";

    /** The buyer still has to approve (or cancel) it at {@link #approveUrl()}. */
    public boolean awaitsBuyer() {
        return CREATED.equals(status) || PAYER_ACTION_REQUIRED.equals(status);
    }

    public boolean isApproved() {
        return APPROVED.equals(status);
    }

    public boolean isCompleted() {
        return COMPLETED.equals(status);
    }
}
