package dev.ticketing.tickets.items;

import dev.ticketing.input.Instants;
import static dev.ticketing.store.Attr.integer;
import static dev.ticketing.store.Attr.n;
import static dev.ticketing.store.Attr.s;
import static dev.ticketing.store.Attr.str;

import dev.ticketing.input.Instants;
import dev.ticketing.store.Keys;
import dev.ticketing.store.Table;
import dev.ticketing.tickets.model.Admission;
import dev.ticketing.tickets.model.IssuedTicket;
import dev.ticketing.tickets.model.Ticket;
import dev.ticketing.tickets.model.TicketStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * How a ticket is stored, and every write to it. A ticket lives in its hold's partition ({@code HOLD#<holdId>} /
 * {@code TICKET#<ticketId>}) so one query reads a whole purchase session, and in gsi1 under {@code USER#<userId>}
 * / {@code TICKET#<created>#<id>} for "my tickets". Its life: PENDING when the hold is made, linked to a payment
 * ({@code payment_id}) when checkout starts, then PAID by the sale or CANCELLED when the hold ends unpaid.
 * Stateless: built by each use case from the {@link Table} it writes to, not a bean.
 */
public class TicketItems {
    /** Sort-key prefix of ticket items in a hold's partition and in gsi1. */
    public static final String PREFIX = "TICKET#";
    private static final String STATUS = "status";
    private static final String ID = "id";
    private static final String HOLD_ID = "hold_id";
    private static final String EVENT_ID = "event_id";
    private static final String USER_ID = "user_id";
    private static final String SEAT_ID = "seat_id";
    private static final String ROW = "row";
    private static final String COLUMN = "col";
    private static final String PAYMENT_ID = "payment_id";
    private static final String PAID_AT = "paid_at";
    private static final String PRICE = "price";
    /** The version of the ticket's code: 1 when sold, moved on when the code is revoked (absent: never sold). */
    private static final String CODE_VERSION = "code_version";
    private static final String ORDER_CODE = "order_code";
    private static final String ADMITTED_AT = "admitted_at";
    private static final String ADMITTED_DEVICE = "admitted_device";
    private static final String ADMITTED_SCAN = "admitted_scan";
    private static final String ADMITTED_BY = "admitted_by";

    private final Table table;

    public TicketItems(Table table) {
        this.table = table;
    }

    public static Map<String, AttributeValue> key(String holdId, String ticketId) {
        return Map.of(Keys.PK, s(Keys.hold(holdId)), Keys.SK, s(PREFIX + ticketId));
    }

    /** Whether an item of a hold's partition is a ticket. */
    public static boolean isTicket(Map<String, AttributeValue> item) {
        return str(item, Keys.SK).startsWith(PREFIX);
    }

    /**
     * Create: a new ticket as it is (PENDING; or PAID for a comp, paid at {@code createdAt}), made at
     * {@code createdAt}; fails if the ticket id exists.
     */
    public TransactWriteItem create(Ticket ticket, Instant createdAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(ticket.holdId(), ticket.id()));
        item.put(Keys.GSI1_PK, s(Keys.user(ticket.userId())));
        item.put(Keys.GSI1_SK, s(PREFIX + createdAt + "#" + ticket.id()));
        item.put(ID, s(ticket.id()));
        item.put(HOLD_ID, s(ticket.holdId()));
        item.put(EVENT_ID, s(ticket.eventId()));
        item.put(USER_ID, s(ticket.userId()));
        item.put(SEAT_ID, s(ticket.seatId()));
        item.put(ROW, n(ticket.row()));
        item.put(COLUMN, n(ticket.column()));
        item.put(STATUS, s(ticket.status().name()));
        if (ticket.price() != null) {
            item.put(PRICE, s(ticket.price().toPlainString()));
        }
        if (ticket.status() == TicketStatus.PAID) {
            item.put(PAID_AT, s(Instants.text(createdAt)));
        }
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /** Cancel: PENDING -> CANCELLED. */
    public TransactWriteItem cancel(String holdId, String ticketId) {
        return update(Update.builder().tableName(table.name()).key(key(holdId, ticketId))
                .updateExpression("SET #status = :cancelled")
                .conditionExpression("#status = :pending")
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(Map.of(
                        ":cancelled", s(TicketStatus.CANCELLED.name()),
                        ":pending", s(TicketStatus.PENDING.name()))));
    }

    /**
     * Cancel a paid ticket: PAID by this payment -> CANCELLED (its payment was refunded or reversed); the version of
     * its code moves on, so the code it was issued no longer admits anyone.
     */
    public TransactWriteItem cancelPaid(String holdId, String ticketId, String paymentId) {
        return update(Update.builder().tableName(table.name()).key(key(holdId, ticketId))
                .updateExpression("SET #status = :cancelled ADD " + CODE_VERSION + " :one")
                .conditionExpression("#status = :paid AND " + PAYMENT_ID + " = :pid")
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(Map.of(
                        ":cancelled", s(TicketStatus.CANCELLED.name()),
                        ":paid", s(TicketStatus.PAID.name()),
                        ":pid", s(paymentId),
                        ":one", n(1))));
    }

    /**
     * Cancel a comp's ticket: PAID without a payment -> CANCELLED (its event was cancelled; a comp took no money, so
     * nothing is refunded); the version of its code moves on, so the code it was issued no longer admits anyone.
     */
    public TransactWriteItem cancelComp(String holdId, String ticketId) {
        return update(Update.builder().tableName(table.name()).key(key(holdId, ticketId))
                .updateExpression("SET #status = :cancelled ADD " + CODE_VERSION + " :one")
                .conditionExpression("#status = :paid AND attribute_not_exists(" + PAYMENT_ID + ")")
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(Map.of(
                        ":cancelled", s(TicketStatus.CANCELLED.name()),
                        ":paid", s(TicketStatus.PAID.name()),
                        ":one", n(1))));
    }

    /** Link: a PENDING ticket is now being paid by this payment. */
    public TransactWriteItem link(String holdId, String ticketId, String paymentId) {
        return update(Update.builder().tableName(table.name()).key(key(holdId, ticketId))
                .updateExpression("SET " + PAYMENT_ID + " = :pid")
                .conditionExpression("#status = :pending")
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(Map.of(":pid", s(paymentId), ":pending", s(TicketStatus.PENDING.name()))));
    }

    /**
     * Pay: PENDING and linked to this payment -> PAID at {@code now}, in order {@code orderCode}, its code at
     * version 1.
     */
    public TransactWriteItem pay(String holdId, String ticketId, String paymentId, String orderCode, Instant now) {
        return update(Update.builder().tableName(table.name()).key(key(holdId, ticketId))
                .updateExpression("SET #status = :paid, " + PAID_AT + " = :now, " + ORDER_CODE + " = :order, "
                        + CODE_VERSION + " = :first")
                .conditionExpression("#status = :pending AND " + PAYMENT_ID + " = :pid")
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(Map.of(
                        ":paid", s(TicketStatus.PAID.name()),
                        ":pending", s(TicketStatus.PENDING.name()),
                        ":pid", s(paymentId),
                        ":now", s(Instants.text(now)),
                        ":order", s(orderCode),
                        ":first", n(1))));
    }

    /**
     * Admit: a PAID ticket whose code is at {@code codeVersion} and that was never admitted is admitted now, on
     * {@code admission}'s device and scan. The condition is the whole rule of "exactly once at the door": of two
     * devices scanning one ticket at the same moment, DynamoDB lets one write through and refuses the other.
     */
    public TransactWriteItem admit(String holdId, String ticketId, int codeVersion, Admission admission) {
        // tickets sold before code versions existed carry none: their codes are at version 1
        String version = codeVersion == 1
                ? "(attribute_not_exists(" + CODE_VERSION + ") OR " + CODE_VERSION + " = :version)"
                : CODE_VERSION + " = :version";
        return update(Update.builder().tableName(table.name()).key(key(holdId, ticketId))
                .updateExpression("SET " + ADMITTED_AT + " = :at, " + ADMITTED_DEVICE + " = :device, "
                        + ADMITTED_SCAN + " = :scan, " + ADMITTED_BY + " = :by")
                .conditionExpression("#status = :paid AND " + version + " AND attribute_not_exists(" + ADMITTED_AT + ")")
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(Map.of(
                        ":paid", s(TicketStatus.PAID.name()),
                        ":version", n(codeVersion),
                        ":at", s(Instants.text(admission.at())),
                        ":device", s(admission.deviceId()),
                        ":scan", s(admission.scanId()),
                        ":by", s(admission.by()))));
    }

    /** A ticket item with its code version, order and admission. */
    public static IssuedTicket issuedOf(Map<String, AttributeValue> item) {
        String admittedAt = str(item, ADMITTED_AT);
        Admission admission = admittedAt == null ? null : new Admission(Instants.parse(admittedAt),
                str(item, ADMITTED_DEVICE), str(item, ADMITTED_SCAN), str(item, ADMITTED_BY));
        int version = item.containsKey(CODE_VERSION) ? integer(item, CODE_VERSION) : 1;
        return new IssuedTicket(ticketOf(item), version, str(item, ORDER_CODE), admission);
    }

    /** The user's tickets, newest first, from gsi1 (eventually consistent, as every GSI read). */
    public QueryRequest userQuery(String userId) {
        return QueryRequest.builder().tableName(table.name()).indexName(Keys.GSI1)
                .keyConditionExpression(Keys.GSI1_PK + " = :user AND begins_with(" + Keys.GSI1_SK + ", :tickets)")
                .expressionAttributeValues(Map.of(":user", s(Keys.user(userId)), ":tickets", s(PREFIX)))
                .scanIndexForward(false)
                .build();
    }

    /** The tickets of one hold, read strongly consistently (what admission decides on). */
    public QueryRequest holdQuery(String holdId) {
        return QueryRequest.builder().tableName(table.name()).consistentRead(true)
                .keyConditionExpression(Keys.PK + " = :hold AND begins_with(" + Keys.SK + ", :tickets)")
                .expressionAttributeValues(Map.of(":hold", s(Keys.hold(holdId)), ":tickets", s(PREFIX)))
                .build();
    }

    /** The key of one ticket, to read it (strongly consistently: admission decides on it). */
    public software.amazon.awssdk.services.dynamodb.model.GetItemRequest get(String holdId, String ticketId) {
        return software.amazon.awssdk.services.dynamodb.model.GetItemRequest.builder().tableName(table.name())
                .key(key(holdId, ticketId)).consistentRead(true).build();
    }

    public static Ticket ticketOf(Map<String, AttributeValue> item) {
        return new Ticket(str(item, ID), str(item, HOLD_ID), str(item, EVENT_ID), str(item, USER_ID),
                str(item, SEAT_ID), integer(item, ROW), integer(item, COLUMN),
                TicketStatus.valueOf(str(item, STATUS)), str(item, PAYMENT_ID),
                item.containsKey(PRICE) ? new BigDecimal(str(item, PRICE)) : null);
    }

    private static TransactWriteItem update(Update.Builder update) {
        return TransactWriteItem.builder().update(update.build()).build();
    }
}
