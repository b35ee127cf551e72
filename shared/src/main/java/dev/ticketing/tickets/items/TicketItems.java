package dev.ticketing.tickets.items;

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
import java.util.List;
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
    /** The buyer's name, copied from the payment by the sale (what the door shows; absent on comps and older tickets). */
    private static final String BUYER_NAME = "buyer_name";
    /** A second admission of an admitted ticket (offline devices, or offline and online): the one flagged. */
    private static final String DOUBLE_AT = "double_at";
    private static final String DOUBLE_DEVICE = "double_device";
    private static final String DOUBLE_SCAN = "double_scan";
    private static final String DOUBLE_BY = "double_by";
    /** What the door index projects: what a door list or report reads of a ticket (template.yaml: NonKeyAttributes). */
    public static final List<String> DOOR_ATTRIBUTES = List.of(ID, HOLD_ID, EVENT_ID, SEAT_ID, ROW, COLUMN, STATUS,
            CODE_VERSION, ORDER_CODE, BUYER_NAME, ADMITTED_AT, ADMITTED_DEVICE, ADMITTED_SCAN, DOUBLE_AT, DOUBLE_DEVICE,
            DOUBLE_SCAN);

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
        return create(ticket, null, createdAt);
    }

    /**
     * {@link #create(Ticket, Instant)} of a ticket bought by {@code buyerName} (null: none), as a sale leaves it: the
     * seed data of a benchmark's sold tickets (a real sale pays a PENDING ticket, {@link #pay}).
     */
    public TransactWriteItem create(Ticket ticket, String buyerName, Instant createdAt) {
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
        if (buyerName != null) {
            item.put(BUYER_NAME, s(buyerName));
        }
        if (ticket.status() == TicketStatus.PAID) {
            item.put(PAID_AT, s(Instants.text(createdAt)));
            item.put(DoorIndex.SHARD, s(DoorIndex.shardOf(ticket.eventId(), ticket.id())));
            item.put(DoorIndex.CHANGED_AT, s(DoorIndex.changedAt(createdAt)));
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
     * its code moves on, so the code it was issued no longer admits anyone, and the door list's next delta names it.
     */
    public TransactWriteItem cancelPaid(String eventId, String holdId, String ticketId, String paymentId, Instant now) {
        return cancelSold(eventId, holdId, ticketId, PAYMENT_ID + " = :pid", Map.of(":pid", s(paymentId)), now);
    }

    /**
     * Cancel a comp's ticket: PAID without a payment -> CANCELLED (its event was cancelled; a comp took no money, so
     * nothing is refunded); its code is revoked as {@link #cancelPaid} revokes one.
     */
    public TransactWriteItem cancelComp(String eventId, String holdId, String ticketId, Instant now) {
        return cancelSold(eventId, holdId, ticketId, "attribute_not_exists(" + PAYMENT_ID + ")", Map.of(), now);
    }

    private TransactWriteItem cancelSold(String eventId, String holdId, String ticketId, String paidBy,
                                         Map<String, AttributeValue> paidByValues, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(paidByValues);
        values.put(":cancelled", s(TicketStatus.CANCELLED.name()));
        values.put(":paid", s(TicketStatus.PAID.name()));
        values.put(":one", n(1));
        values.put(":doorShard", s(DoorIndex.shardOf(eventId, ticketId)));
        values.put(":doorAt", s(DoorIndex.changedAt(now)));
        return update(Update.builder().tableName(table.name()).key(key(holdId, ticketId))
                .updateExpression("SET #status = :cancelled, " + DOOR_SET + " ADD " + CODE_VERSION + " :one")
                .conditionExpression("#status = :paid AND " + paidBy)
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(values));
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
     * version 1, bought by {@code buyerName} (null: the payment has no buyer); from now on in the door index.
     */
    public TransactWriteItem pay(String eventId, String holdId, String ticketId, String paymentId, String orderCode,
                                 String buyerName, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":paid", s(TicketStatus.PAID.name()),
                ":pending", s(TicketStatus.PENDING.name()),
                ":pid", s(paymentId),
                ":now", s(Instants.text(now)),
                ":order", s(orderCode),
                ":first", n(1),
                ":doorShard", s(DoorIndex.shardOf(eventId, ticketId)),
                ":doorAt", s(DoorIndex.changedAt(now))));
        String buyer = "";
        if (buyerName != null) {
            values.put(":buyer", s(buyerName));
            buyer = ", " + BUYER_NAME + " = :buyer";
        }
        return update(Update.builder().tableName(table.name()).key(key(holdId, ticketId))
                .updateExpression("SET #status = :paid, " + PAID_AT + " = :now, " + ORDER_CODE + " = :order, "
                        + CODE_VERSION + " = :first, " + DOOR_SET + buyer)
                .conditionExpression("#status = :pending AND " + PAYMENT_ID + " = :pid")
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(values));
    }

    /**
     * Admit: a PAID ticket whose code is at {@code codeVersion} and that was never admitted is admitted, on
     * {@code admission}'s device and scan, at its time; {@code now} (the server's) is when the door index learns it.
     * The condition is the whole rule of "exactly once at the door": of two devices scanning one ticket at the same
     * moment, DynamoDB lets one write through and refuses the other.
     */
    public TransactWriteItem admit(Ticket ticket, int codeVersion, Admission admission, Instant now) {
        Map<String, AttributeValue> values = valid(ticket, codeVersion, now);
        values.putAll(admission(":", admission));
        return update(Update.builder().tableName(table.name()).key(key(ticket.holdId(), ticket.id()))
                .updateExpression("SET " + ADMITTED_AT + " = :at, " + ADMITTED_DEVICE + " = :device, "
                        + ADMITTED_SCAN + " = :scan, " + ADMITTED_BY + " = :by, " + DOOR_SET)
                .conditionExpression(validCondition(codeVersion) + " AND attribute_not_exists(" + ADMITTED_AT + ")")
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(values));
    }

    /**
     * An earlier admission comes in (an offline scan uploaded late): the ticket, still valid and still admitted as
     * {@code first} says, is admitted by {@code earlier} instead, and {@code first} becomes its flagged second
     * admission. Compare-and-set on the first admission read: refused if any other write came between.
     */
    public TransactWriteItem admitEarlier(Ticket ticket, int codeVersion, Admission first, Admission earlier,
                                          Instant now) {
        Map<String, AttributeValue> values = valid(ticket, codeVersion, now);
        values.putAll(admission(":", earlier));
        values.putAll(admission(":was", first));
        return update(Update.builder().tableName(table.name()).key(key(ticket.holdId(), ticket.id()))
                .updateExpression("SET " + DOUBLE_AT + " = :wasat, " + DOUBLE_DEVICE + " = :wasdevice, "
                        + DOUBLE_SCAN + " = :wasscan, " + DOUBLE_BY + " = :wasby, "
                        + ADMITTED_AT + " = :at, " + ADMITTED_DEVICE + " = :device, "
                        + ADMITTED_SCAN + " = :scan, " + ADMITTED_BY + " = :by, " + DOOR_SET)
                .conditionExpression(validCondition(codeVersion) + " AND " + ADMITTED_AT + " = :wasat AND "
                        + ADMITTED_DEVICE + " = :wasdevice AND " + ADMITTED_SCAN + " = :wasscan")
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(values));
    }

    /**
     * A second admission of a ticket admitted as {@code first} says (two devices let the same ticket in while
     * offline): recorded as its flagged second admission, in place of {@code replaced} (null: none yet), which must
     * still be the one recorded. The report lists it; the door index does not change (devices learn nothing new).
     */
    public TransactWriteItem flagSecond(Ticket ticket, int codeVersion, Admission first, Admission replaced,
                                        Admission second) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":paid", s(TicketStatus.PAID.name()),
                ":version", n(codeVersion)));
        values.putAll(admission(":", second));
        values.putAll(admission(":first", first));
        String previous = "attribute_not_exists(" + DOUBLE_AT + ")";
        if (replaced != null) {
            values.putAll(admission(":was", replaced));
            previous = DOUBLE_AT + " = :wasat AND " + DOUBLE_DEVICE + " = :wasdevice AND " + DOUBLE_SCAN + " = :wasscan";
        }
        values.keySet().removeIf(name -> name.endsWith("by") && !name.equals(":by"));
        return update(Update.builder().tableName(table.name()).key(key(ticket.holdId(), ticket.id()))
                .updateExpression("SET " + DOUBLE_AT + " = :at, " + DOUBLE_DEVICE + " = :device, "
                        + DOUBLE_SCAN + " = :scan, " + DOUBLE_BY + " = :by")
                .conditionExpression(validCondition(codeVersion) + " AND " + ADMITTED_AT + " = :firstat AND "
                        + ADMITTED_DEVICE + " = :firstdevice AND " + ADMITTED_SCAN + " = :firstscan AND " + previous)
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(values));
    }

    /** {@code SET} of the door index's keys (values {@code :doorShard}, {@code :doorAt}). */
    private static final String DOOR_SET = DoorIndex.SHARD + " = :doorShard, " + DoorIndex.CHANGED_AT + " = :doorAt";

    /** The values of {@link #validCondition} and {@link #DOOR_SET}. */
    private static Map<String, AttributeValue> valid(Ticket ticket, int codeVersion, Instant now) {
        return new HashMap<>(Map.of(
                ":paid", s(TicketStatus.PAID.name()),
                ":version", n(codeVersion),
                ":doorShard", s(DoorIndex.shardOf(ticket.eventId(), ticket.id())),
                ":doorAt", s(DoorIndex.changedAt(now))));
    }

    /** The ticket is PAID and its code at {@code codeVersion}: a code of it at that version admits. */
    private static String validCondition(int codeVersion) {
        // tickets sold before code versions existed carry none: their codes are at version 1
        String version = codeVersion == 1
                ? "(attribute_not_exists(" + CODE_VERSION + ") OR " + CODE_VERSION + " = :version)"
                : CODE_VERSION + " = :version";
        return "#status = :paid AND " + version;
    }

    /** An admission's values, each name {@code prefix} + at, device, scan, by. */
    private static Map<String, AttributeValue> admission(String prefix, Admission admission) {
        return Map.of(prefix + "at", s(Instants.text(admission.at())), prefix + "device", s(admission.deviceId()),
                prefix + "scan", s(admission.scanId()), prefix + "by", s(admission.by() == null ? "" : admission.by()));
    }

    /** A ticket item (or a door index entry) with its code version, order, buyer and admissions. */
    public static IssuedTicket issuedOf(Map<String, AttributeValue> item) {
        int version = item.containsKey(CODE_VERSION) ? integer(item, CODE_VERSION) : 1;
        return new IssuedTicket(ticketOf(item), version, str(item, ORDER_CODE), str(item, BUYER_NAME),
                admissionOf(item, ADMITTED_AT, ADMITTED_DEVICE, ADMITTED_SCAN, ADMITTED_BY),
                admissionOf(item, DOUBLE_AT, DOUBLE_DEVICE, DOUBLE_SCAN, DOUBLE_BY));
    }

    private static Admission admissionOf(Map<String, AttributeValue> item, String at, String device, String scan,
                                         String by) {
        String text = str(item, at);
        return text == null ? null : new Admission(Instants.parse(text), str(item, device), str(item, scan), str(item, by));
    }

    /**
     * One page of an event's door index shard ({@link DoorIndex}): every ticket in it, or ({@code changedSince} not
     * null) those changed at or after that time. Eventually consistent, as every GSI read.
     */
    public QueryRequest doorQuery(String shard, Instant changedSince, Map<String, AttributeValue> startKey) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table.name()).indexName(DoorIndex.NAME)
                .exclusiveStartKey(startKey == null || startKey.isEmpty() ? null : startKey);
        if (changedSince == null) {
            return query.keyConditionExpression(DoorIndex.SHARD + " = :shard")
                    .expressionAttributeValues(Map.of(":shard", s(shard))).build();
        }
        return query.keyConditionExpression(DoorIndex.SHARD + " = :shard AND " + DoorIndex.CHANGED_AT + " >= :since")
                .expressionAttributeValues(Map.of(":shard", s(shard), ":since", s(DoorIndex.changedAt(changedSince))))
                .build();
    }

    /** How many PAID tickets one shard of the door index holds, a page at a time (only the count comes back). */
    public QueryRequest doorCountQuery(String shard, Map<String, AttributeValue> startKey) {
        return QueryRequest.builder().tableName(table.name()).indexName(DoorIndex.NAME)
                .exclusiveStartKey(startKey == null || startKey.isEmpty() ? null : startKey)
                .keyConditionExpression(DoorIndex.SHARD + " = :shard")
                .filterExpression("#status = :paid")
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(Map.of(":shard", s(shard), ":paid", s(TicketStatus.PAID.name())))
                .select(software.amazon.awssdk.services.dynamodb.model.Select.COUNT)
                .build();
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
