package dev.ticketing.payments;

import dev.ticketing.payments.gateway.PaymentProvider;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;

/**
 * One attempt to pay for a hold through a provider. PENDING from checkout until the sale (SUCCESS) or until it
 * cannot succeed any more (FAILED, with a reason: cancelled, declined, provider error, or too late and refunded).
 * {@code captureRequestedAt} is set once the buyer approved and we asked the provider for the money; from then
 * on the payment can no longer be cancelled by the buyer, only finished.
 */
public record Payment(String id, String holdId, String eventId, String userId, PaymentProvider provider,
                      BigDecimal amount, String currency, PaymentStatus status, String providerOrderId,
                      URI approvalUrl, PaymentFailure failure, String failureReason, String captureId, String refundId,
                      Instant captureRequestedAt, Instant createdAt, Instant updatedAt) {

    public boolean pending() {
        return status == PaymentStatus.PENDING;
    }

    public boolean captureRequested() {
        return captureRequestedAt != null;
    }

    /** The provider request id of the capture: the same on every retry, so PayPal captures once. */
    public String captureRequestId() {
        return "capture-" + id;
    }

    /** The provider request id of the refund of a too-late capture: one refund, however often it is asked. */
    public String refundRequestId() {
        return "refund-" + id;
    }
}
