package dev.ticketing.payments;

import dev.ticketing.idempotency.IdempotencyKeys;
import static dev.ticketing.store.Attr.n;
import static dev.ticketing.store.Attr.s;

import dev.ticketing.config.TicketingConfig;
import dev.ticketing.holds.Hold;
import dev.ticketing.holds.HoldItems;
import dev.ticketing.holds.HoldStatus;
import dev.ticketing.payments.gateway.CheckoutSession;
import dev.ticketing.tickets.Ticket;
import dev.ticketing.tickets.TicketStatus;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Every write that changes a payment before the sale, each one conditional so that a stale read, a retry or a
 * concurrent request can only make it fail, never make it wrong. The sale itself is {@link PaymentSale}.
 */
@Singleton
public class PaymentWrites {
    private final DynamoDbClient dynamo;
    private final String table;
    private final IdempotencyKeys idempotency;

    public PaymentWrites(DynamoDbClient dynamo, TicketingConfig config, IdempotencyKeys idempotency) {
        this.dynamo = dynamo;
        this.table = config.tableName();
        this.idempotency = idempotency;
    }

    /**
     * The checkout transaction: the payment PENDING, the hold marked as having it in flight (only if ACTIVE, not
     * expired, the caller's, and without a payment in flight), each ticket linked to it, and the idempotency key.
     *
     * @throws TransactionCanceledException when a condition failed; item 0 is the hold, the last the key
     */
    public void create(Payment payment, Hold hold, Instant now, Optional<IdempotencyKeys.Key> key) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(HoldItems.metaKey(hold.id()))
                .updateExpression("SET payment_id = :pid, payment_started_at = :started")
                .conditionExpression("#status = :active AND expires_at > :now AND user_id = :user "
                        + "AND attribute_not_exists(payment_id)")
                .expressionAttributeNames(Map.of("#status", HoldItems.STATUS))
                .expressionAttributeValues(Map.of(
                        ":pid", s(payment.id()),
                        ":started", s(now.toString()),
                        ":active", s(HoldStatus.ACTIVE.name()),
                        ":now", n(now.toEpochMilli()),
                        ":user", s(payment.userId())))
                .build()).build());
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(PaymentItems.newPayment(payment))
                .conditionExpression("attribute_not_exists(pk)")
                .build()).build());
        for (Ticket ticket : hold.tickets()) {
            items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(HoldItems.ticketKey(hold.id(), ticket.id()))
                    .updateExpression("SET payment_id = :pid")
                    .conditionExpression("#status = :pending")
                    .expressionAttributeNames(Map.of("#status", HoldItems.STATUS))
                    .expressionAttributeValues(Map.of(":pid", s(payment.id()), ":pending", s(TicketStatus.PENDING.name())))
                    .build()).build());
        }
        key.ifPresent(k -> items.add(TransactWriteItem.builder().put(idempotency.record(k, payment.id(), now)).build()));
        dynamo.transactWriteItems(b -> b.transactItems(items).clientRequestToken(payment.id()));
    }

    /** Stores the provider order and its link item; false when the payment no longer waits for one. */
    public boolean attachOrder(Payment payment, CheckoutSession session, Instant now) {
        List<TransactWriteItem> items = List.of(
                TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(PaymentItems.key(payment.id()))
                        .updateExpression("SET provider_order_id = :order, approval_url = :url, updated_at = :now")
                        .conditionExpression("#status = :pending AND attribute_not_exists(provider_order_id)")
                        .expressionAttributeNames(Map.of("#status", PaymentItems.STATUS))
                        .expressionAttributeValues(Map.of(
                                ":order", s(session.orderId()),
                                ":url", s(session.approvalUrl().toString()),
                                ":now", s(now.toString()),
                                ":pending", s(PaymentStatus.PENDING.name())))
                        .build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(table)
                        .item(PaymentItems.link(payment.provider(), session.orderId(), payment.id()))
                        .conditionExpression("attribute_not_exists(pk)")
                        .build()).build());
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
            return true;
        } catch (TransactionCanceledException cancelled) {
            return false;
        }
    }

    /** The buyer approved and we are about to ask for the money: from now on the buyer can no longer cancel. */
    public boolean markCaptureRequested(Payment payment, Instant now) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(PaymentItems.key(payment.id()))
                    .updateExpression("SET capture_requested_at = if_not_exists(capture_requested_at, :now), updated_at = :now")
                    .conditionExpression("#status = :pending")
                    .expressionAttributeNames(Map.of("#status", PaymentItems.STATUS))
                    .expressionAttributeValues(Map.of(":now", s(now.toString()), ":pending", s(PaymentStatus.PENDING.name()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Ends a PENDING payment FAILED and frees its hold for another payment (the hold's mark is removed when it
     * is still this payment's). {@code beforeCaptureOnly}: only if we have not asked for the money yet (a buyer's
     * cancel). False when the payment was not PENDING (or the capture had started).
     */
    public boolean fail(Payment payment, PaymentFailure failure, String reason, Instant now, boolean beforeCaptureOnly) {
        Update paymentUpdate = failUpdate(payment, failure, reason, now, beforeCaptureOnly, null, null);
        Update holdMark = Update.builder().tableName(table)
                .key(HoldItems.metaKey(payment.holdId()))
                .updateExpression("REMOVE payment_id")
                .conditionExpression("payment_id = :pid")
                .expressionAttributeValues(Map.of(":pid", s(payment.id())))
                .build();
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().update(paymentUpdate).build(),
                    TransactWriteItem.builder().update(holdMark).build()));
            return true;
        } catch (TransactionCanceledException cancelled) {
            if ("ConditionalCheckFailed".equals(cancelled.cancellationReasons().get(0).code())) {
                return false;
            }
            // the hold no longer marks this payment (nothing to free): fail the payment alone
            try {
                dynamo.updateItem(b -> b.tableName(table).key(paymentUpdate.key())
                        .updateExpression(paymentUpdate.updateExpression())
                        .conditionExpression(paymentUpdate.conditionExpression())
                        .expressionAttributeNames(paymentUpdate.expressionAttributeNames())
                        .expressionAttributeValues(paymentUpdate.expressionAttributeValues()));
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
        }
    }

    /**
     * A captured payment that could not be sold, refunded: FAILED with the capture and the refund. The hold's mark
     * stays (the hold is ended separately, and a new payment makes no sense for it).
     */
    public boolean failRefunded(Payment payment, String reason, String captureId, String refundId, Instant now) {
        Update update = failUpdate(payment, PaymentFailure.TOO_LATE, reason, now, false, captureId, refundId);
        try {
            dynamo.updateItem(b -> b.tableName(table).key(update.key())
                    .updateExpression(update.updateExpression())
                    .conditionExpression(update.conditionExpression())
                    .expressionAttributeNames(update.expressionAttributeNames())
                    .expressionAttributeValues(update.expressionAttributeValues()));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Notes the refund of money that came in for an already FAILED payment. */
    public void recordRefund(Payment payment, String captureId, String refundId, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":now", s(now.toString()));
        values.put(":failed", s(PaymentStatus.FAILED.name()));
        StringBuilder set = new StringBuilder("SET updated_at = :now");
        if (captureId != null) {
            set.append(", capture_id = if_not_exists(capture_id, :capture)");
            values.put(":capture", s(captureId));
        }
        if (refundId != null) {
            set.append(", refund_id = if_not_exists(refund_id, :refund)");
            values.put(":refund", s(refundId));
        }
        try {
            dynamo.updateItem(b -> b.tableName(table).key(PaymentItems.key(payment.id()))
                    .updateExpression(set.toString())
                    .conditionExpression("#status = :failed")
                    .expressionAttributeNames(Map.of("#status", PaymentItems.STATUS))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            // not FAILED: nothing to note
        }
    }

    private Update failUpdate(Payment payment, PaymentFailure failure, String reason, Instant now,
                              boolean beforeCaptureOnly, String captureId, String refundId) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":failed", s(PaymentStatus.FAILED.name()));
        values.put(":code", s(failure.name()));
        values.put(":reason", s(reason));
        values.put(":now", s(now.toString()));
        values.put(":pending", s(PaymentStatus.PENDING.name()));
        StringBuilder set = new StringBuilder("SET #status = :failed, failure_code = :code, failure_reason = :reason, "
                + "updated_at = :now, ended_at = :now");
        if (captureId != null) {
            set.append(", capture_id = :capture");
            values.put(":capture", s(captureId));
        }
        if (refundId != null) {
            set.append(", refund_id = :refund");
            values.put(":refund", s(refundId));
        }
        String condition = "#status = :pending" + (beforeCaptureOnly ? " AND attribute_not_exists(capture_requested_at)" : "");
        return Update.builder().tableName(table).key(PaymentItems.key(payment.id()))
                .updateExpression(set.toString())
                .conditionExpression(condition)
                .expressionAttributeNames(Map.of("#status", PaymentItems.STATUS))
                .expressionAttributeValues(values)
                .build();
    }

    /** For {@link PaymentCheckout}: whether a cancelled checkout transaction failed on its idempotency record. */
    static boolean keyTaken(TransactionCanceledException cancelled, boolean withKey) {
        if (!withKey) {
            return false;
        }
        var reasons = cancelled.cancellationReasons();
        return "ConditionalCheckFailed".equals(reasons.get(reasons.size() - 1).code());
    }

    /** For {@link PaymentCheckout}: whether the payable-hold condition (item 0) failed. */
    static boolean holdRefused(TransactionCanceledException cancelled) {
        return "ConditionalCheckFailed".equals(cancelled.cancellationReasons().get(0).code());
    }
}
