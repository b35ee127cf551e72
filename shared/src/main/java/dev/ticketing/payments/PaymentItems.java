package dev.ticketing.payments;

import static dev.ticketing.store.Attr.s;
import static dev.ticketing.store.Attr.str;

import dev.ticketing.store.Keys;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How payments are stored: {@code PAYMENT#<id>}/{@code META} (gsi1 {@code USER#<userId>} for "my payments"),
 * and one link item per provider order, {@code PROVIDER#<provider>#<orderId>}/{@code META} -> {@code payment_id},
 * so a webhook finds its payment with one GetItem.
 */
public final class PaymentItems {
    public static final String STATUS = "status";
    public static final String PROVIDER_ORDER_ID = "provider_order_id";
    public static final String APPROVAL_URL = "approval_url";
    public static final String FAILURE_REASON = "failure_reason";
    public static final String FAILURE_CODE = "failure_code";
    public static final String CAPTURE_ID = "capture_id";
    public static final String REFUND_ID = "refund_id";
    public static final String CAPTURE_REQUESTED_AT = "capture_requested_at";
    public static final String UPDATED_AT = "updated_at";
    public static final String PAYMENT_ID = "payment_id";

    private PaymentItems() {
    }

    public static Map<String, AttributeValue> key(String paymentId) {
        return Map.of(Keys.PK, s(Keys.payment(paymentId)), Keys.SK, s(Keys.META));
    }

    public static Map<String, AttributeValue> linkKey(PaymentProvider provider, String orderId) {
        return Map.of(Keys.PK, s("PROVIDER#" + provider.name() + "#" + orderId), Keys.SK, s(Keys.META));
    }

    static Map<String, AttributeValue> link(PaymentProvider provider, String orderId, String paymentId) {
        Map<String, AttributeValue> item = new HashMap<>(linkKey(provider, orderId));
        item.put(PAYMENT_ID, s(paymentId));
        return item;
    }

    static Map<String, AttributeValue> newPayment(Payment payment) {
        Map<String, AttributeValue> item = new HashMap<>(key(payment.id()));
        item.put(Keys.GSI1_PK, s(Keys.user(payment.userId())));
        item.put(Keys.GSI1_SK, s("PAYMENT#" + payment.createdAt() + "#" + payment.id()));
        item.put("id", s(payment.id()));
        item.put("hold_id", s(payment.holdId()));
        item.put("event_id", s(payment.eventId()));
        item.put("user_id", s(payment.userId()));
        item.put("provider", s(payment.provider().name()));
        item.put("amount", s(payment.amount().toPlainString()));
        item.put("currency", s(payment.currency()));
        item.put(STATUS, s(payment.status().name()));
        item.put("created_at", s(payment.createdAt().toString()));
        item.put(UPDATED_AT, s(payment.updatedAt().toString()));
        return item;
    }

    static Payment paymentOf(Map<String, AttributeValue> item) {
        String approval = str(item, APPROVAL_URL);
        String captureRequested = str(item, CAPTURE_REQUESTED_AT);
        String failure = str(item, FAILURE_CODE);
        return new Payment(str(item, "id"), str(item, "hold_id"), str(item, "event_id"), str(item, "user_id"),
                PaymentProvider.valueOf(str(item, "provider")), new BigDecimal(str(item, "amount")),
                str(item, "currency"), PaymentStatus.valueOf(str(item, STATUS)), str(item, PROVIDER_ORDER_ID),
                approval == null ? null : URI.create(approval),
                failure == null ? null : PaymentFailure.valueOf(failure), str(item, FAILURE_REASON), str(item, CAPTURE_ID),
                str(item, REFUND_ID), captureRequested == null ? null : Instant.parse(captureRequested),
                Instant.parse(str(item, "created_at")), Instant.parse(str(item, UPDATED_AT)));
    }
}
