package dev.ticketing.orders.items;

import static dev.ticketing.store.Attr.integer;
import static dev.ticketing.store.Attr.n;
import static dev.ticketing.store.Attr.num;
import static dev.ticketing.store.Attr.s;
import static dev.ticketing.store.Attr.str;

import dev.ticketing.input.Instants;
import dev.ticketing.orders.model.Buyer;
import dev.ticketing.orders.model.MailRecord;
import dev.ticketing.orders.model.OrderLine;
import dev.ticketing.orders.model.PlacedOrder;
import dev.ticketing.payments.items.ReconcileIndex;
import dev.ticketing.payments.provider.PaymentProvider;
import dev.ticketing.store.Keys;
import dev.ticketing.store.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * How an order is stored: {@code ORDER#<code>} / {@code META}, one item written once by the sale, in gsi1 under
 * {@code USER#<userId>} / {@code ORDER#<created>#<code>} for "my orders". The item under its code is what makes a
 * code unique: it is created only where none exists. Its lines (ticket, seat, price) are a list of maps; the
 * tickets' changing state lives on the ticket items. Stateless: built by each use case from the {@link Table}.
 */
public class OrderItems {
    /** The sort-key prefix of orders in gsi1. */
    public static final String GSI1_PREFIX = "ORDER#";
    private static final String CODE = "code";
    private static final String EVENT_ID = "event_id";
    private static final String USER_ID = "user_id";
    private static final String HOLD_ID = "hold_id";
    private static final String PAYMENT_ID = "payment_id";
    private static final String BUYER_NAME = "buyer_name";
    private static final String BUYER_EMAIL = "buyer_email";
    private static final String BUYER_LANGUAGE = "buyer_language";
    private static final String TOTAL = "total";
    private static final String CURRENCY = "currency";
    private static final String PROVIDER = "provider";
    private static final String CREATED_AT = "created_at";
    private static final String LINES = "lines";
    private static final String TICKET_ID = "ticket_id";
    private static final String SEAT_ID = "seat_id";
    private static final String ROW = "row";
    private static final String SEAT = "seat";
    private static final String PRICE = "price";
    private static final String LABEL = "label";
    // the confirmation mail (docs/delivery.md)
    private static final String MAIL_SENT_AT = "mail_sent_at";
    private static final String MAIL_MESSAGE_ID = "mail_message_id";
    private static final String MAIL_CLAIM = "mail_claim";
    private static final String MAIL_CLAIM_UNTIL = "mail_claim_until";
    private static final String MAIL_ATTEMPTS = "mail_attempts";
    private static final String MAIL_ERROR = "mail_error";
    /** The most of a failure's text kept on the order. */
    private static final int MAX_ERROR = 500;

    private final Table table;

    public OrderItems(Table table) {
        this.table = table;
    }

    public static Map<String, AttributeValue> key(String code) {
        return Map.of(Keys.PK, s(Keys.of("ORDER", code)), Keys.SK, s(Keys.META));
    }

    /**
     * Create: the order under its code; refused when an order has that code already (then the sale takes another).
     * The order is also the outbox of its confirmation mail: it enters the sparse index {@code reconcile} under a
     * {@link MailOutbox} shard, due at {@code mailDueAt}, and leaves it once the mail is sent (or re-driven).
     */
    public TransactWriteItem create(PlacedOrder order, Instant mailDueAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(order.code()));
        item.put(Keys.GSI1_PK, s(Keys.user(order.userId())));
        item.put(Keys.GSI1_SK, s(GSI1_PREFIX + Instants.text(order.createdAt()) + "#" + order.code()));
        item.put(CODE, s(order.code()));
        item.put(EVENT_ID, s(order.eventId()));
        item.put(USER_ID, s(order.userId()));
        item.put(HOLD_ID, s(order.holdId()));
        item.put(PAYMENT_ID, s(order.paymentId()));
        if (order.buyer() != null) {
            item.put(BUYER_NAME, s(order.buyer().name()));
            item.put(BUYER_EMAIL, s(order.buyer().email()));
            item.put(BUYER_LANGUAGE, s(order.buyer().language()));
        }
        item.put(ReconcileIndex.SHARD, s(MailOutbox.shardOf(order.code())));
        item.put(ReconcileIndex.DUE_AT, n(mailDueAt.toEpochMilli()));
        item.put(TOTAL, s(order.total().toPlainString()));
        item.put(CURRENCY, s(order.currency()));
        item.put(PROVIDER, s(order.provider().name()));
        item.put(CREATED_AT, s(Instants.text(order.createdAt())));
        item.put(LINES, AttributeValue.fromL(order.lines().stream().map(line -> {
            Map<String, AttributeValue> stored = new java.util.HashMap<>(Map.of(
                    TICKET_ID, s(line.ticketId()), SEAT_ID, s(line.seatId()), ROW, n(line.row()), SEAT, n(line.seat()),
                    PRICE, s(line.price().toPlainString())));
            if (line.label() != null) {
                stored.put(LABEL, s(line.label()));
            }
            return AttributeValue.fromM(stored);
        }).toList()));
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /**
     * Claim the mail for one sender: {@code claim} (unique per attempt) holds it until {@code untilMillis}, and the
     * attempts count one up. Refused when the mail was sent, or another sender's claim has not run out at
     * {@code nowMillis}, or there is no such order.
     */
    public TransactWriteItem claimMail(String code, String claim, long nowMillis, long untilMillis) {
        return update(Update.builder().tableName(table.name()).key(key(code))
                .updateExpression("SET " + MAIL_CLAIM + " = :claim, " + MAIL_CLAIM_UNTIL + " = :until, "
                        + MAIL_ATTEMPTS + " = if_not_exists(" + MAIL_ATTEMPTS + ", :zero) + :one")
                .conditionExpression("attribute_exists(" + Keys.PK + ") AND attribute_not_exists(" + MAIL_SENT_AT
                        + ") AND (attribute_not_exists(" + MAIL_CLAIM_UNTIL + ") OR " + MAIL_CLAIM_UNTIL + " < :now)")
                .expressionAttributeValues(Map.of(":claim", s(claim), ":until", n(untilMillis), ":now", n(nowMillis),
                        ":zero", n(0), ":one", n(1))));
    }

    /**
     * The mail was handed over under {@code claim}: record when and the service's message id, let go of the claim,
     * leave the outbox. Refused when {@code claim} no longer holds the mail (it ran out and another sender took it).
     */
    public TransactWriteItem mailSent(String code, String claim, Instant sentAt, String messageId) {
        return update(Update.builder().tableName(table.name()).key(key(code))
                .updateExpression("SET " + MAIL_SENT_AT + " = :at, " + MAIL_MESSAGE_ID + " = :id REMOVE " + MAIL_CLAIM
                        + ", " + MAIL_CLAIM_UNTIL + ", " + MAIL_ERROR + ", " + ReconcileIndex.SHARD + ", "
                        + ReconcileIndex.DUE_AT)
                .conditionExpression(MAIL_CLAIM + " = :claim")
                .expressionAttributeValues(Map.of(":at", s(Instants.text(sentAt)),
                        ":id", s(messageId == null || messageId.isBlank() ? "unknown" : messageId),
                        ":claim", s(claim))));
    }

    /** The send under {@code claim} failed with {@code error}: record it and let go of the claim for the next try. */
    public TransactWriteItem mailFailed(String code, String claim, String error) {
        return update(Update.builder().tableName(table.name()).key(key(code))
                .updateExpression("SET " + MAIL_ERROR + " = :error REMOVE " + MAIL_CLAIM + ", " + MAIL_CLAIM_UNTIL)
                .conditionExpression(MAIL_CLAIM + " = :claim")
                .expressionAttributeValues(Map.of(":error", s(shortened(error)), ":claim", s(claim))));
    }

    /**
     * The mail will not be sent ({@code reason}: no address, no sender configured): record why and leave the outbox,
     * unless it was sent meanwhile.
     */
    public TransactWriteItem mailAbandoned(String code, String reason) {
        return update(Update.builder().tableName(table.name()).key(key(code))
                .updateExpression("SET " + MAIL_ERROR + " = :error REMOVE " + ReconcileIndex.SHARD + ", "
                        + ReconcileIndex.DUE_AT)
                .conditionExpression("attribute_exists(" + Keys.PK + ") AND attribute_not_exists(" + MAIL_SENT_AT + ")")
                .expressionAttributeValues(Map.of(":error", s(shortened(reason)))));
    }

    /**
     * The outbox gave the mail to the queue again: it leaves the outbox (the queue, its retries and its dead-letter
     * queue take it from here), unless it left already.
     */
    public TransactWriteItem redriven(String code) {
        return update(Update.builder().tableName(table.name()).key(key(code))
                .updateExpression("REMOVE " + ReconcileIndex.SHARD + ", " + ReconcileIndex.DUE_AT)
                .conditionExpression("attribute_exists(" + ReconcileIndex.SHARD + ")"));
    }

    /** At most {@code limit} orders whose mail is due in the outbox's {@code shard} at {@code now}. */
    public QueryRequest mailDueQuery(String shard, Instant now, int limit) {
        return ReconcileIndex.dueQuery(table.name(), shard, now, limit);
    }

    /** The code of an order item's key (as the outbox's index hands keys over). */
    public static String codeOfKey(Map<String, AttributeValue> key) {
        return key.get(Keys.PK).s().substring("ORDER#".length());
    }

    private static String shortened(String text) {
        String value = text == null || text.isBlank() ? "unknown" : text;
        return value.length() <= MAX_ERROR ? value : value.substring(0, MAX_ERROR);
    }

    private static TransactWriteItem update(Update.Builder update) {
        return TransactWriteItem.builder().update(update.build()).build();
    }

    /** The user's orders, newest first, from gsi1 (eventually consistent, as every GSI read). */
    public QueryRequest userQuery(String userId) {
        return QueryRequest.builder().tableName(table.name()).indexName(Keys.GSI1)
                .keyConditionExpression(Keys.GSI1_PK + " = :user AND begins_with(" + Keys.GSI1_SK + ", :orders)")
                .expressionAttributeValues(Map.of(":user", s(Keys.user(userId)), ":orders", s(GSI1_PREFIX)))
                .scanIndexForward(false)
                .build();
    }

    public static PlacedOrder orderOf(Map<String, AttributeValue> item) {
        String name = str(item, BUYER_NAME);
        List<OrderLine> lines = item.get(LINES).l().stream().map(AttributeValue::m)
                .map(line -> new OrderLine(str(line, TICKET_ID), str(line, SEAT_ID), integer(line, ROW),
                        integer(line, SEAT), new BigDecimal(str(line, PRICE)),
                        line.containsKey(LABEL) ? str(line, LABEL) : null))
                .toList();
        String sentAt = str(item, MAIL_SENT_AT);
        MailRecord mail = new MailRecord(sentAt == null ? null : Instants.parse(sentAt), str(item, MAIL_MESSAGE_ID),
                str(item, MAIL_CLAIM), item.containsKey(MAIL_CLAIM_UNTIL) ? num(item, MAIL_CLAIM_UNTIL) : 0,
                item.containsKey(MAIL_ATTEMPTS) ? integer(item, MAIL_ATTEMPTS) : 0, str(item, MAIL_ERROR));
        return new PlacedOrder(str(item, CODE), str(item, EVENT_ID), str(item, USER_ID), str(item, HOLD_ID),
                str(item, PAYMENT_ID), name == null ? null : Buyer.stored(name, str(item, BUYER_EMAIL), str(item, BUYER_LANGUAGE)),
                new BigDecimal(str(item, TOTAL)), str(item, CURRENCY), PaymentProvider.valueOf(str(item, PROVIDER)),
                Instants.parse(str(item, CREATED_AT)), lines, mail);
    }
}
