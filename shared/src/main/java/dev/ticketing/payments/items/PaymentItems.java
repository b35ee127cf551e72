package dev.ticketing.payments.items;

import static dev.ticketing.store.Attr.n;
import static dev.ticketing.store.Attr.s;
import static dev.ticketing.store.Attr.str;

import dev.ticketing.input.Instants;
import dev.ticketing.orders.model.Buyer;
import dev.ticketing.payments.model.Payment;
import dev.ticketing.payments.model.PaymentFailure;
import dev.ticketing.payments.model.PaymentStatus;
import dev.ticketing.payments.provider.CheckoutSession;
import dev.ticketing.payments.provider.PaymentProvider;
import dev.ticketing.store.Keys;
import dev.ticketing.store.Table;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * How a payment is stored, and every write to it: {@code PAYMENT#<id>} / {@code META}, in gsi1 under
 * {@code USER#<userId>} / {@code PAYMENT#<created>#<id>}. Its life: PENDING (the provider order attached, then
 * the capture requested) -> SUCCESS with the capture id, or FAILED with a code and reason (and the capture and
 * refund ids when money came in and went back), and after a sale REFUNDED when the provider gave the money back.
 * While PENDING it is in the sparse {@link ReconcileIndex}, due at {@code reconcile_at}, and a FAILED one stays
 * there until its order is released at the provider ({@code release_outcome}, {@code released_at}). Amounts are decimal
 * strings; times ISO-8601 UTC strings, except the epoch millis of {@code reconcile_at} and
 * {@code provider_checked_at}.
 * Stateless: built by each use case from the {@link Table} it writes to, not a bean.
 */
public class PaymentItems {
    private static final String STATUS = "status";
    private static final String ID = "id";
    private static final String HOLD_ID = "hold_id";
    private static final String EVENT_ID = "event_id";
    private static final String USER_ID = "user_id";
    private static final String PROVIDER = "provider";
    private static final String AMOUNT = "amount";
    private static final String CURRENCY = "currency";
    private static final String CREATED_AT = "created_at";
    private static final String UPDATED_AT = "updated_at";
    private static final String ENDED_AT = "ended_at";
    private static final String PROVIDER_ORDER_ID = "provider_order_id";
    private static final String APPROVAL_URL = "approval_url";
    private static final String FAILURE_REASON = "failure_reason";
    private static final String FAILURE_CODE = "failure_code";
    private static final String CAPTURE_ID = "capture_id";
    private static final String REFUND_ID = "refund_id";
    private static final String CAPTURE_REQUESTED_AT = "capture_requested_at";
    private static final String REFUNDED_AMOUNT = "refunded_amount";
    private static final String REFUND_REASON = "refund_reason";
    private static final String ANOMALY = "anomaly";
    private static final String ANOMALY_AT = "anomaly_at";
    private static final String PROVIDER_CHECKED_AT = "provider_checked_at";
    private static final String RELEASE_OUTCOME = "release_outcome";
    private static final String RELEASED_AT = "released_at";
    private static final String BUYER_NAME = "buyer_name";
    private static final String BUYER_EMAIL = "buyer_email";
    private static final String BUYER_LANGUAGE = "buyer_language";
    private static final String ORDER_CODE = "order_code";
    private static final String REFUND_REQUESTS = "refund_requests";

    private final Table table;

    public PaymentItems(Table table) {
        this.table = table;
    }

    public static Map<String, AttributeValue> key(String paymentId) {
        return Map.of(Keys.PK, s(Keys.payment(paymentId)), Keys.SK, s(Keys.META));
    }

    /**
     * Create: the new payment as it is (PENDING), in the reconcile index due at {@code reconcileAt}; fails if the id
     * exists.
     */
    public TransactWriteItem create(Payment payment, Instant reconcileAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(payment.id()));
        item.put(Keys.GSI1_PK, s(Keys.user(payment.userId())));
        item.put(Keys.GSI1_SK, s("PAYMENT#" + payment.createdAt() + "#" + payment.id()));
        item.put(ID, s(payment.id()));
        item.put(HOLD_ID, s(payment.holdId()));
        item.put(EVENT_ID, s(payment.eventId()));
        item.put(USER_ID, s(payment.userId()));
        item.put(PROVIDER, s(payment.provider().name()));
        item.put(AMOUNT, s(payment.amount().toPlainString()));
        item.put(CURRENCY, s(payment.currency()));
        item.put(STATUS, s(payment.status().name()));
        item.put(CREATED_AT, s(Instants.text(payment.createdAt())));
        item.put(UPDATED_AT, s(Instants.text(payment.updatedAt())));
        if (payment.buyer() != null) {
            item.put(BUYER_NAME, s(payment.buyer().name()));
            item.put(BUYER_EMAIL, s(payment.buyer().email()));
            item.put(BUYER_LANGUAGE, s(payment.buyer().language()));
        }
        item.put(ReconcileIndex.SHARD, s(ReconcileIndex.shardOf(payment.id())));
        item.put(ReconcileIndex.DUE_AT, n(reconcileAt.toEpochMilli()));
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /** Attach the provider order: only to a PENDING payment that has none yet. */
    public TransactWriteItem attachOrder(String paymentId, CheckoutSession session, Instant now) {
        return update(Update.builder().tableName(table.name()).key(key(paymentId))
                .updateExpression("SET " + PROVIDER_ORDER_ID + " = :order, " + APPROVAL_URL + " = :url, "
                        + UPDATED_AT + " = :now")
                .conditionExpression("#status = :pending AND attribute_not_exists(" + PROVIDER_ORDER_ID + ")")
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(Map.of(
                        ":order", s(session.orderId()),
                        ":url", s(session.approvalUrl().toString()),
                        ":now", s(Instants.text(now)),
                        ":pending", s(PaymentStatus.PENDING.name()))));
    }

    /** Capture requested: a PENDING payment notes (once) when we first asked for the money. */
    public TransactWriteItem markCaptureRequested(String paymentId, Instant now) {
        return update(Update.builder().tableName(table.name()).key(key(paymentId))
                .updateExpression("SET " + CAPTURE_REQUESTED_AT + " = if_not_exists(" + CAPTURE_REQUESTED_AT
                        + ", :now), " + UPDATED_AT + " = :now")
                .conditionExpression("#status = :pending")
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(Map.of(":now", s(Instants.text(now)), ":pending", s(PaymentStatus.PENDING.name()))));
    }

    /**
     * Fail: PENDING -> FAILED with {@code failure} and a reason for the buyer; {@code beforeCaptureOnly}: only if the
     * capture was never requested. The capture and refund ids (nullable) are stored when money came in and went back.
     * {@code releaseCheckAt}: the payment stays in the reconcile index, due then, until its order is released at
     * the provider ({@link #markReleased}); empty: it leaves the index now (nothing to release: the money came
     * in and went back).
     */
    public TransactWriteItem fail(String paymentId, PaymentFailure failure, String reason, Instant now,
                                  boolean beforeCaptureOnly, String captureId, String refundId,
                                  Optional<Instant> releaseCheckAt) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":failed", s(PaymentStatus.FAILED.name()));
        values.put(":code", s(failure.name()));
        values.put(":reason", s(reason));
        values.put(":now", s(Instants.text(now)));
        values.put(":pending", s(PaymentStatus.PENDING.name()));
        StringBuilder set = new StringBuilder("SET #status = :failed, " + FAILURE_CODE + " = :code, " + FAILURE_REASON
                + " = :reason, " + UPDATED_AT + " = :now, " + ENDED_AT + " = :now");
        if (captureId != null) {
            set.append(", " + CAPTURE_ID + " = :capture");
            values.put(":capture", s(captureId));
        }
        if (refundId != null) {
            set.append(", " + REFUND_ID + " = :refund");
            values.put(":refund", s(refundId));
        }
        String condition = "#status = :pending"
                + (beforeCaptureOnly ? " AND attribute_not_exists(" + CAPTURE_REQUESTED_AT + ")" : "");
        Map<String, String> names = new HashMap<>(Map.of("#status", STATUS));
        if (releaseCheckAt.isPresent()) {
            set.append(", #dueAt = :releaseCheckAt");
            names.put("#dueAt", ReconcileIndex.DUE_AT);
            values.put(":releaseCheckAt", n(releaseCheckAt.get().toEpochMilli()));
        } else {
            set.append(" REMOVE #reconcileShard");
            names.put("#reconcileShard", ReconcileIndex.SHARD);
        }
        return update(Update.builder().tableName(table.name()).key(key(paymentId))
                .updateExpression(set.toString())
                .conditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values));
    }

    /**
     * Released: a FAILED payment's order was released at the provider ({@code outcome}, e.g. VOIDED), or needs no
     * release; it leaves the reconcile index.
     */
    public TransactWriteItem markReleased(String paymentId, String outcome, Instant now) {
        return update(Update.builder().tableName(table.name()).key(key(paymentId))
                .updateExpression("SET " + RELEASE_OUTCOME + " = if_not_exists(" + RELEASE_OUTCOME + ", :outcome), "
                        + RELEASED_AT + " = if_not_exists(" + RELEASED_AT + ", :now) REMOVE #shard")
                .conditionExpression("#status = :failed")
                .expressionAttributeNames(Map.of("#status", STATUS, "#shard", ReconcileIndex.SHARD))
                .expressionAttributeValues(Map.of(":outcome", s(outcome), ":now", s(Instants.text(now)),
                        ":failed", s(PaymentStatus.FAILED.name()))));
    }

    /** Record a refund: notes (once each) the capture and refund of money that came in for a FAILED payment. */
    public TransactWriteItem recordRefund(String paymentId, String captureId, String refundId, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":now", s(Instants.text(now)));
        values.put(":failed", s(PaymentStatus.FAILED.name()));
        StringBuilder set = new StringBuilder("SET " + UPDATED_AT + " = :now");
        if (captureId != null) {
            set.append(", " + CAPTURE_ID + " = if_not_exists(" + CAPTURE_ID + ", :capture)");
            values.put(":capture", s(captureId));
        }
        if (refundId != null) {
            set.append(", " + REFUND_ID + " = if_not_exists(" + REFUND_ID + ", :refund)");
            values.put(":refund", s(refundId));
        }
        return update(Update.builder().tableName(table.name()).key(key(paymentId))
                .updateExpression(set.toString())
                .conditionExpression("#status = :failed")
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(values));
    }

    /** Succeed: PENDING -> SUCCESS with the provider's capture id and the sale's order, at {@code now} (the sale). */
    public TransactWriteItem succeed(String paymentId, String captureId, String orderCode, Instant now) {
        return update(Update.builder().tableName(table.name()).key(key(paymentId))
                .updateExpression("SET #status = :success, " + CAPTURE_ID + " = :capture, " + UPDATED_AT + " = :now, "
                        + ENDED_AT + " = :now, " + ORDER_CODE + " = :order REMOVE #reconcileShard")
                .conditionExpression("#status = :pending")
                .expressionAttributeNames(Map.of("#status", STATUS, "#reconcileShard", ReconcileIndex.SHARD))
                .expressionAttributeValues(Map.of(
                        ":success", s(PaymentStatus.SUCCESS.name()),
                        ":capture", s(captureId),
                        ":order", s(orderCode),
                        ":now", s(Instants.text(now)),
                        ":pending", s(PaymentStatus.PENDING.name()))));
    }

    /**
     * Refunded: SUCCESS -> REFUNDED, all of {@code refunded} went back at the provider ({@code reason}: refund,
     * reversal or the event's cancellation; {@code refundId}: our own refund's id, null when the provider made it),
     * at {@code now}.
     */
    public TransactWriteItem refund(String paymentId, BigDecimal refunded, String reason, String refundId, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":refunded", s(PaymentStatus.REFUNDED.name()),
                ":success", s(PaymentStatus.SUCCESS.name()),
                ":amount", s(refunded.toPlainString()),
                ":reason", s(reason),
                ":now", s(Instants.text(now))));
        String set = "SET #status = :refunded, " + REFUNDED_AMOUNT + " = :amount, " + REFUND_REASON + " = :reason, "
                + UPDATED_AT + " = :now";
        if (refundId != null) {
            set += ", " + REFUND_ID + " = :refund";
            values.put(":refund", s(refundId));
        }
        return update(Update.builder().tableName(table.name()).key(key(paymentId))
                .updateExpression(set)
                .conditionExpression("#status = :success")
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(values));
    }

    /**
     * Refunded tickets: our own refund of some or all of a SUCCESS payment's tickets ({@code requestId} at the
     * provider, answered by {@code refundId}) raises the refunded amount from {@code previous} (null: nothing yet) to
     * {@code refunded} and notes the request id in {@code refund_requests}, so a repeat is known; {@code whole}: no
     * ticket is left, the payment becomes REFUNDED. The provider's own report of this refund ({@link #recordPartialRefund},
     * from its webhook) may have written {@code refunded} first, which the condition accepts; any other amount means
     * another refund raced this one, and the write is refused.
     */
    public TransactWriteItem refundTickets(String paymentId, BigDecimal previous, BigDecimal refunded, boolean whole,
                                           String requestId, String refundId, String reason, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":success", s(PaymentStatus.SUCCESS.name()),
                ":amount", s(refunded.toPlainString()),
                ":reason", s(reason),
                ":refund", s(refundId),
                ":request", AttributeValue.fromSs(List.of(requestId)),
                ":now", s(Instants.text(now))));
        String set = "SET " + REFUNDED_AMOUNT + " = :amount, " + REFUND_REASON + " = :reason, " + REFUND_ID
                + " = :refund, " + UPDATED_AT + " = :now";
        if (whole) {
            set += ", #status = :refunded";
            values.put(":refunded", s(PaymentStatus.REFUNDED.name()));
        }
        String amountBefore;
        if (previous == null) {
            amountBefore = "attribute_not_exists(" + REFUNDED_AMOUNT + ")";
        } else {
            amountBefore = REFUNDED_AMOUNT + " = :previous";
            values.put(":previous", s(previous.toPlainString()));
        }
        return update(Update.builder().tableName(table.name()).key(key(paymentId))
                .updateExpression(set + " ADD " + REFUND_REQUESTS + " :request")
                .conditionExpression("#status = :success AND (" + amountBefore + " OR " + REFUNDED_AMOUNT + " = :amount)")
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(values));
    }

    /** Partly refunded: a SUCCESS payment records how much went back and is flagged; it stays SUCCESS. */
    public TransactWriteItem recordPartialRefund(String paymentId, BigDecimal refunded, String flag, Instant now) {
        return update(Update.builder().tableName(table.name()).key(key(paymentId))
                .updateExpression("SET " + REFUNDED_AMOUNT + " = :amount, " + ANOMALY + " = :flag, " + ANOMALY_AT
                        + " = :now, " + UPDATED_AT + " = :now")
                .conditionExpression("#status = :success")
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(Map.of(
                        ":success", s(PaymentStatus.SUCCESS.name()),
                        ":amount", s(refunded.toPlainString()),
                        ":flag", s(flag),
                        ":now", s(Instants.text(now)))));
    }

    /** Flag: an operator must look at this payment, for {@code reason}; nothing else changes. */
    public TransactWriteItem flagAnomaly(String paymentId, String reason, Instant now) {
        return update(Update.builder().tableName(table.name()).key(key(paymentId))
                .updateExpression("SET " + ANOMALY + " = :reason, " + ANOMALY_AT + " = :now")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":reason", s(reason), ":now", s(Instants.text(now)))));
    }

    /**
     * Postpone reconciliation: a payment still in the reconcile index (PENDING, or FAILED with its release at the
     * provider to do) is due again at {@code next}.
     */
    public TransactWriteItem postponeReconcile(String paymentId, Instant next) {
        return update(Update.builder().tableName(table.name()).key(key(paymentId))
                .updateExpression("SET #dueAt = :next")
                .conditionExpression("attribute_exists(#shard) AND #status IN (:pending, :failed)")
                .expressionAttributeNames(Map.of("#status", STATUS, "#dueAt", ReconcileIndex.DUE_AT,
                        "#shard", ReconcileIndex.SHARD))
                .expressionAttributeValues(Map.of(":next", n(next.toEpochMilli()),
                        ":pending", s(PaymentStatus.PENDING.name()), ":failed", s(PaymentStatus.FAILED.name()))));
    }

    /** Unindex: a payment that is no longer PENDING leaves the reconcile index (never a PENDING one). */
    public TransactWriteItem unindexReconcile(String paymentId) {
        return update(Update.builder().tableName(table.name()).key(key(paymentId))
                .updateExpression("REMOVE #shard")
                .conditionExpression("attribute_exists(#shard) AND #status <> :pending")
                .expressionAttributeNames(Map.of("#status", STATUS, "#shard", ReconcileIndex.SHARD))
                .expressionAttributeValues(Map.of(":pending", s(PaymentStatus.PENDING.name()))));
    }

    /**
     * Claim a provider check: succeeds for one caller per {@code interval} (across every instance), so the provider is
     * asked about the payment at most that often.
     */
    public TransactWriteItem claimProviderCheck(String paymentId, Instant now, java.time.Duration interval) {
        return update(Update.builder().tableName(table.name()).key(key(paymentId))
                .updateExpression("SET " + PROVIDER_CHECKED_AT + " = :now")
                .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(" + PROVIDER_CHECKED_AT + ") OR "
                        + PROVIDER_CHECKED_AT + " <= :before)")
                .expressionAttributeValues(Map.of(":now", n(now.toEpochMilli()),
                        ":before", n(now.minus(interval).toEpochMilli()))));
    }

    /** Up to {@code limit} entries of one shard of the reconcile index due at or before {@code now}, oldest first. */
    public QueryRequest dueQuery(String shard, Instant now, int limit) {
        return ReconcileIndex.dueQuery(table.name(), shard, now, limit);
    }

    /** The payment id of a reconcile index entry (its keys are projected). */
    public static String paymentIdOf(Map<String, AttributeValue> entry) {
        return str(entry, Keys.PK).substring(Keys.payment("").length());
    }

    /** The provider request ids of the refunds of our own that {@link #refundTickets} recorded on the payment. */
    static Set<String> refundRequestsOf(Map<String, AttributeValue> item) {
        AttributeValue requests = item.get(REFUND_REQUESTS);
        return requests == null ? Set.of() : Set.copyOf(requests.ss());
    }

    static Payment paymentOf(Map<String, AttributeValue> item) {
        String approval = str(item, APPROVAL_URL);
        String captureRequested = str(item, CAPTURE_REQUESTED_AT);
        String failure = str(item, FAILURE_CODE);
        return new Payment(str(item, ID), str(item, HOLD_ID), str(item, EVENT_ID), str(item, USER_ID),
                PaymentProvider.valueOf(str(item, PROVIDER)), new BigDecimal(str(item, AMOUNT)),
                str(item, CURRENCY), PaymentStatus.valueOf(str(item, STATUS)), str(item, PROVIDER_ORDER_ID),
                approval == null ? null : URI.create(approval),
                failure == null ? null : PaymentFailure.valueOf(failure), str(item, FAILURE_REASON), str(item, CAPTURE_ID),
                str(item, REFUND_ID), captureRequested == null ? null : Instants.parse(captureRequested),
                Instants.parse(str(item, CREATED_AT)), Instants.parse(str(item, UPDATED_AT)),
                str(item, REFUNDED_AMOUNT) == null ? null : new BigDecimal(str(item, REFUNDED_AMOUNT)), str(item, ANOMALY),
                str(item, BUYER_NAME) == null ? null : Buyer.stored(str(item, BUYER_NAME), str(item, BUYER_EMAIL), str(item, BUYER_LANGUAGE)),
                str(item, ORDER_CODE));
    }

    private static TransactWriteItem update(Update.Builder update) {
        return TransactWriteItem.builder().update(update.build()).build();
    }
}
