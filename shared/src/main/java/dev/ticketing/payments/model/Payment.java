package dev.ticketing.payments.model;

import dev.ticketing.orders.model.Buyer;
import dev.ticketing.payments.provider.PaymentProvider;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;

/**
 * One attempt to pay for a hold through a provider. PENDING from checkout until the sale (SUCCESS) or until it
 * cannot succeed any more (FAILED, with a reason: cancelled, declined, provider error, or too late and refunded).
 * {@code captureRequestedAt} is set once the buyer approved and we asked the provider for the money; from then
 * on the payment can no longer be cancelled by the buyer, only finished. After a sale, a refund or reversal at the
 * provider makes it REFUNDED ({@code refundedAmount}: how much went back; a partial refund is recorded there and
 * flagged, the status stays SUCCESS). {@code anomaly} is what an operator must look at (a provider's facts that
 * did not match this payment), null when nothing. {@code buyer} is who the buyer said they are at checkout (null
 * when the client sent none); {@code orderCode} the code of the order the sale made (null until sold).
 */
public record Payment(String id, String holdId, String eventId, String userId, PaymentProvider provider,
                      BigDecimal amount, String currency, PaymentStatus status, String providerOrderId,
                      URI approvalUrl, PaymentFailure failure, String failureReason, String captureId, String refundId,
                      Instant captureRequestedAt, Instant createdAt, Instant updatedAt, BigDecimal refundedAmount,
                      String anomaly, Buyer buyer, String orderCode) {

    /** A new PENDING payment of the hold's amount, created at {@code now}. */
    public static Payment start(String id, String holdId, String eventId, String userId, PaymentProvider provider,
                                BigDecimal amount, String currency, Buyer buyer, Instant now) {
        return new Payment(id, holdId, eventId, userId, provider, amount, currency, PaymentStatus.PENDING, null, null,
                null, null, null, null, null, now, now, null, null, buyer, null);
    }

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

    /** The provider request id of the release (void) of an order that ended without a sale: one void, however often. */
    public String releaseRequestId() {
        return "void-" + id;
    }

    /** The provider request id of the refund of a too-late capture: one refund, however often it is asked. */
    public String refundRequestId() {
        return "refund-" + id;
    }
}
