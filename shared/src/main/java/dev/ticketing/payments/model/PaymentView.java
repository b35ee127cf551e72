package dev.ticketing.payments.model;

import dev.ticketing.payments.provider.PaymentProvider;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;

/**
 * A payment as its owner sees it over HTTP. {@code failureReason} is always present (null unless FAILED);
 * {@code refundedAmount} is how much of a sold payment the provider gave back (absent when nothing);
 * {@code orderCode} the order a sale made ({@code GET /orders/{code}}), absent until sold.
 */
public record PaymentView(String id, String holdId, String eventId, PaymentStatus status,
                          @JsonInclude(JsonInclude.Include.ALWAYS) String failureReason, PaymentFailure failureCode,
                          @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency,
                          PaymentProvider provider, String providerOrderId, URI approvalUrl, String captureId,
                          String refundId, Instant createdAt, Instant updatedAt,
                          @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal refundedAmount, String orderCode) {

    public static PaymentView of(Payment payment) {
        return new PaymentView(payment.id(), payment.holdId(), payment.eventId(), payment.status(),
                payment.failureReason(), payment.failure(), payment.amount(), payment.currency(), payment.provider(),
                payment.providerOrderId(), payment.pending() ? payment.approvalUrl() : null, payment.captureId(),
                payment.refundId(), payment.createdAt(), payment.updatedAt(), payment.refundedAmount(),
                payment.orderCode());
    }
}
