package dev.ticketing.holds.items;

import static dev.ticketing.store.Attr.integer;
import static dev.ticketing.store.Attr.n;
import static dev.ticketing.store.Attr.num;
import static dev.ticketing.store.Attr.s;
import static dev.ticketing.store.Attr.str;

import dev.ticketing.holds.model.HeldSeat;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.holds.model.StoredHold;
import dev.ticketing.input.Instants;
import dev.ticketing.store.Keys;
import dev.ticketing.store.Table;
import dev.ticketing.store.Ttl;
import dev.ticketing.tickets.items.TicketItems;
import dev.ticketing.tickets.model.Ticket;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * How a hold is stored, and every write to it and to its lease. One partition {@code HOLD#<id>} holds the hold
 * ({@code META}), its tickets ({@link TicketItems}) and, while ACTIVE, its lease ({@code LEASE}, the item DynamoDB
 * TTL deletes, whose deletion on the stream starts cleanup), so one strongly consistent query reads the whole
 * purchase session. The hold item is in gsi1 under {@code USER#<userId>} ("my holds") and, while ACTIVE, in the
 * sparse {@link ExpiryIndex}. Its life: ACTIVE (a payment may be attached and detached) -> RELEASED, EXPIRED or
 * PAID; times are ISO-8601 UTC strings except {@code expires_at}, epoch millis.
 * Stateless: built by each use case from the {@link Table} it writes to, not a bean.
 */
public class HoldItems {
    private static final String STATUS = "status";
    private static final String ID = "id";
    private static final String EVENT_ID = "event_id";
    private static final String USER_ID = "user_id";
    private static final String AMOUNT = "amount";
    private static final String CURRENCY = "currency";
    private static final String CREATED_AT = "created_at";
    private static final String ENDED_AT = "ended_at";
    private static final String PAID_AT = "paid_at";
    private static final String SEATS = "seats";
    private static final String SEAT_ID = "id";
    private static final String SEAT_ROW = "row";
    private static final String SEAT_COLUMN = "col";
    private static final String SEAT_PRICE = "price";
    private static final String SEAT_LABEL = "label";
    /** The payment in flight for the hold, if any. */
    private static final String PAYMENT_ID = "payment_id";
    private static final String PAYMENT_STARTED_AT = "payment_started_at";
    /** Set when starting a payment extended the hold: it happens once per hold. */
    private static final String PAYMENT_GRACE_USED = "payment_grace_used";
    /**
     * The number of the active-hold slot ({@link ActiveHoldSlotItems}) the hold claimed in its own transaction, so
     * ending or renewing it writes that slot by its key without querying the user's slots. Absent when there is no
     * limit, and on holds stored before it was kept here (those find their slot by query).
     */
    private static final String ACTIVE_HOLD_SLOT = "active_hold_slot";
    /** Likewise the number of the slot across events ({@link ActiveHoldSlotItems#acrossEvents}) the hold claimed. */
    private static final String ACCOUNT_HOLD_SLOT = "account_hold_slot";
    /** Set on a comp: seats the organiser gave away, PAID from the start, without a payment. */
    private static final String COMP = "comp";
    /** The hold's sort key in gsi1 starts so, under the user's partition ({@code HOLD#<created>#<id>}). */
    private static final String GSI1_PREFIX = "HOLD#";

    private final Table table;

    public HoldItems(Table table) {
        this.table = table;
    }

    public static Map<String, AttributeValue> metaKey(String holdId) {
        return Map.of(Keys.PK, s(Keys.hold(holdId)), Keys.SK, s(Keys.META));
    }

    public static Map<String, AttributeValue> leaseKey(String holdId) {
        return Map.of(Keys.PK, s(Keys.hold(holdId)), Keys.SK, s(Keys.LEASE));
    }

    /** {@link #create(Hold, Optional, Optional)} of a hold that claims no active-hold slot. */
    public TransactWriteItem create(Hold hold) {
        return create(hold, Optional.empty(), Optional.empty());
    }

    /**
     * Create: the new hold item (in the expiry index while ACTIVE) naming {@code slot} and {@code accountSlot}, the
     * active-hold slots (for the event, across events) the same transaction claims, if any; fails if the id exists.
     */
    public TransactWriteItem create(Hold hold, Optional<Integer> slot, Optional<Integer> accountSlot) {
        Map<String, AttributeValue> item = itemOf(hold, slot);
        accountSlot.ifPresent(number -> item.put(ACCOUNT_HOLD_SLOT, n(number)));
        return put(item);
    }

    /**
     * Create a comp ({@link Hold#newComp}): the hold item PAID at its creation, marked {@code comp}, never in the
     * expiry index; fails if the id exists.
     */
    public TransactWriteItem createComp(Hold hold) {
        Map<String, AttributeValue> item = itemOf(hold, Optional.empty());
        item.put(PAID_AT, s(Instants.text(hold.createdAt())));
        item.put(COMP, AttributeValue.fromBool(true));
        return put(item);
    }

    private static Map<String, AttributeValue> itemOf(Hold hold, Optional<Integer> slot) {
        Map<String, AttributeValue> item = new HashMap<>(metaKey(hold.id()));
        item.put(Keys.GSI1_PK, s(Keys.user(hold.userId())));
        item.put(Keys.GSI1_SK, s(GSI1_PREFIX + hold.createdAt() + "#" + hold.id()));
        item.put(ID, s(hold.id()));
        item.put(EVENT_ID, s(hold.eventId()));
        item.put(USER_ID, s(hold.userId()));
        item.put(STATUS, s(hold.status().name()));
        item.put(AMOUNT, s(hold.amount().toPlainString()));
        item.put(CURRENCY, s(hold.currency()));
        item.put(CREATED_AT, s(Instants.text(hold.createdAt())));
        item.put(ExpiryIndex.EXPIRES_AT, n(hold.expiresAt().toEpochMilli()));
        if (hold.status() == HoldStatus.ACTIVE) {
            item.put(ExpiryIndex.SHARD, s(ExpiryIndex.shardOf(hold.id())));
        }
        slot.ifPresent(number -> item.put(ACTIVE_HOLD_SLOT, n(number)));
        item.put(SEATS, AttributeValue.fromL(hold.seats().stream()
                .map(seat -> {
                    Map<String, AttributeValue> stored = new java.util.HashMap<>(Map.of(
                            SEAT_ID, s(seat.id()), SEAT_ROW, n(seat.row()), SEAT_COLUMN, n(seat.column()),
                            SEAT_PRICE, s(seat.price().toPlainString())));
                    if (seat.label() != null) {
                        stored.put(SEAT_LABEL, s(seat.label()));
                    }
                    return AttributeValue.fromM(stored);
                })
                .toList()));
        return item;
    }

    /** Create the lease: the item TTL deletes once the hold's time is up (rounded up to TTL's whole seconds). */
    public TransactWriteItem createLease(Hold hold) {
        Map<String, AttributeValue> item = new HashMap<>(leaseKey(hold.id()));
        item.put(EVENT_ID, s(hold.eventId()));
        item.put(USER_ID, s(hold.userId()));
        item.put(ExpiryIndex.EXPIRES_AT, n(hold.expiresAt().toEpochMilli()));
        item.put(Keys.TTL, n(Ttl.atOrAfter(hold.expiresAt())));
        return put(item);
    }

    /** Delete the lease (a hold that ends no longer needs its TTL trigger); unconditional, absent is fine. */
    public TransactWriteItem deleteLease(String holdId) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table.name()).key(leaseKey(holdId)).build())
                .build();
    }

    /** End: ACTIVE -> {@code status} (RELEASED or EXPIRED) at {@code now}, out of the expiry index. */
    public TransactWriteItem end(String holdId, HoldStatus status, Instant now) {
        return update(Update.builder().tableName(table.name()).key(metaKey(holdId))
                .updateExpression("SET #status = :final, " + ENDED_AT + " = :now REMOVE #expiryShard")
                .conditionExpression("#status = :active")
                .expressionAttributeNames(Map.of("#status", STATUS, "#expiryShard", ExpiryIndex.SHARD))
                .expressionAttributeValues(Map.of(
                        ":final", s(status.name()),
                        ":active", s(HoldStatus.ACTIVE.name()),
                        ":now", s(Instants.text(now)))));
    }

    /**
     * Attach a payment: only to the user's hold that is ACTIVE, unexpired at {@code now} and has no payment in flight.
     * With {@code extendedUntil}, the hold's end moves there and the hold is marked as extended, only if it never was
     * (the payment grace is given once per hold).
     */
    public TransactWriteItem attachPayment(String holdId, String paymentId, String userId, Instant now,
                                           Optional<Instant> extendedUntil) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":pid", s(paymentId),
                ":started", s(Instants.text(now)),
                ":active", s(HoldStatus.ACTIVE.name()),
                ":now", n(now.toEpochMilli()),
                ":user", s(userId)));
        String set = "SET " + PAYMENT_ID + " = :pid, " + PAYMENT_STARTED_AT + " = :started";
        String condition = "#status = :active AND " + ExpiryIndex.EXPIRES_AT + " > :now AND " + USER_ID
                + " = :user AND attribute_not_exists(" + PAYMENT_ID + ")";
        if (extendedUntil.isPresent()) {
            set += ", " + ExpiryIndex.EXPIRES_AT + " = :until, " + PAYMENT_GRACE_USED + " = :true";
            condition += " AND attribute_not_exists(" + PAYMENT_GRACE_USED + ")";
            values.put(":until", n(extendedUntil.get().toEpochMilli()));
            values.put(":true", AttributeValue.fromBool(true));
        }
        return update(Update.builder().tableName(table.name()).key(metaKey(holdId))
                .updateExpression(set)
                .conditionExpression(condition)
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(values));
    }

    /**
     * Extend for capture: the hold, ACTIVE with this payment attached (expired or not), now ends at {@code until}
     * (and is back in the expiry index with that time), so the seats stay the buyer's while the money is taken.
     */
    public TransactWriteItem extendForCapture(String holdId, String paymentId, Instant until) {
        return update(Update.builder().tableName(table.name()).key(metaKey(holdId))
                .updateExpression("SET " + ExpiryIndex.EXPIRES_AT + " = :until, #expiryShard = :shard")
                .conditionExpression("#status = :active AND " + PAYMENT_ID + " = :pid")
                .expressionAttributeNames(Map.of("#status", STATUS, "#expiryShard", ExpiryIndex.SHARD))
                .expressionAttributeValues(Map.of(
                        ":until", n(until.toEpochMilli()),
                        ":shard", s(ExpiryIndex.shardOf(holdId)),
                        ":active", s(HoldStatus.ACTIVE.name()),
                        ":pid", s(paymentId))));
    }

    /** Renew the lease: the hold's TTL trigger now fires at {@code until} (written whole, as when created). */
    public TransactWriteItem renewLease(Hold hold, Instant until) {
        Map<String, AttributeValue> item = new HashMap<>(leaseKey(hold.id()));
        item.put(EVENT_ID, s(hold.eventId()));
        item.put(USER_ID, s(hold.userId()));
        item.put(ExpiryIndex.EXPIRES_AT, n(until.toEpochMilli()));
        item.put(Keys.TTL, n(Ttl.atOrAfter(until)));
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item).build()).build();
    }

    /** Detach a payment: the hold is free for another payment, if this payment is still the one attached. */
    public TransactWriteItem detachPayment(String holdId, String paymentId) {
        return update(Update.builder().tableName(table.name()).key(metaKey(holdId))
                .updateExpression("REMOVE " + PAYMENT_ID)
                .conditionExpression(PAYMENT_ID + " = :pid")
                .expressionAttributeValues(Map.of(":pid", s(paymentId))));
    }

    /**
     * Mark paid: ACTIVE with this payment attached -> PAID at {@code now}, out of the expiry index. It does not
     * require the hold to be unexpired: the sale's seat conditions decide whether late money still buys the seats.
     */
    public TransactWriteItem markPaid(String holdId, String paymentId, Instant now) {
        return update(Update.builder().tableName(table.name()).key(metaKey(holdId))
                .updateExpression("SET #status = :paid, " + PAID_AT + " = :now REMOVE #expiryShard")
                .conditionExpression("#status = :active AND " + PAYMENT_ID + " = :pid")
                .expressionAttributeNames(Map.of("#status", STATUS, "#expiryShard", ExpiryIndex.SHARD))
                .expressionAttributeValues(Map.of(
                        ":paid", s(HoldStatus.PAID.name()),
                        ":active", s(HoldStatus.ACTIVE.name()),
                        ":pid", s(paymentId),
                        ":now", s(Instants.text(now)))));
    }

    /**
     * Unindex: takes a hold that has ended (or been paid) out of the expiry index, for an entry left behind by a
     * writer that did not; never touches an ACTIVE hold.
     */
    public TransactWriteItem unindex(String holdId) {
        return update(Update.builder().tableName(table.name()).key(metaKey(holdId))
                .updateExpression("REMOVE #shard")
                .conditionExpression("attribute_exists(#shard) AND #status <> :active")
                .expressionAttributeNames(Map.of("#shard", ExpiryIndex.SHARD, "#status", STATUS))
                .expressionAttributeValues(Map.of(":active", s(HoldStatus.ACTIVE.name()))));
    }

    /** The strongly consistent query of the hold's whole partition (hold, tickets, lease). */
    public QueryRequest partitionQuery(String holdId) {
        return QueryRequest.builder().tableName(table.name())
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(Keys.hold(holdId))))
                .consistentRead(true)
                .build();
    }

    /**
     * Up to {@code limit} entries of one shard of the expiry index whose {@code expires_at} is at or before
     * {@code now}, oldest first (eventually consistent, as every GSI read).
     */
    public QueryRequest dueQuery(String shard, Instant now, int limit) {
        return QueryRequest.builder().tableName(table.name())
                .indexName(ExpiryIndex.NAME)
                .keyConditionExpression("#shard = :shard AND #expires <= :now")
                .expressionAttributeNames(Map.of("#shard", ExpiryIndex.SHARD, "#expires", ExpiryIndex.EXPIRES_AT))
                .expressionAttributeValues(Map.of(":shard", s(shard), ":now", n(now.toEpochMilli())))
                .scanIndexForward(true)
                .limit(limit)
                .build();
    }

    /** The user's holds (their {@code META} items) from gsi1 (eventually consistent, as every GSI read). */
    public QueryRequest userHoldsQuery(String userId) {
        return QueryRequest.builder().tableName(table.name()).indexName(Keys.GSI1)
                .keyConditionExpression(Keys.GSI1_PK + " = :user AND begins_with(" + Keys.GSI1_SK + ", :holds)")
                .expressionAttributeValues(Map.of(":user", s(Keys.user(userId)), ":holds", s(GSI1_PREFIX)))
                .build();
    }

    /** The id of a hold item and its status as everyone sees it at {@code now} (ACTIVE past its end is EXPIRED). */
    public static Map.Entry<String, HoldStatus> visibleStatusOf(Map<String, AttributeValue> meta, Instant now) {
        return Map.entry(str(meta, ID), Hold.visibleStatus(HoldStatus.valueOf(str(meta, STATUS)),
                Instant.ofEpochMilli(num(meta, ExpiryIndex.EXPIRES_AT)), now));
    }

    /**
     * The user's holds in gsi1 ({@code USER#<userId>}, sort key {@code HOLD#<created>#<id>}) that storage still has
     * ACTIVE with {@code expires_at} after {@code now}, newest first; only those of {@code eventId} unless it is null
     * (eventually consistent, as every GSI read: read each again with {@link #partitionQuery}).
     */
    public QueryRequest userOpenQuery(String userId, String eventId, Instant now) {
        Map<String, String> names = new HashMap<>(Map.of("#status", STATUS, "#expires", ExpiryIndex.EXPIRES_AT));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":user", s(Keys.user(userId)), ":holds", s(GSI1_PREFIX),
                ":active", s(HoldStatus.ACTIVE.name()), ":now", n(now.toEpochMilli())));
        String filter = "#status = :active AND #expires > :now";
        if (eventId != null) {
            names.put("#event", EVENT_ID);
            values.put(":event", s(eventId));
            filter += " AND #event = :event";
        }
        return QueryRequest.builder().tableName(table.name())
                .indexName(Keys.GSI1)
                .keyConditionExpression(Keys.GSI1_PK + " = :user AND begins_with(" + Keys.GSI1_SK + ", :holds)")
                .filterExpression(filter)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .scanIndexForward(false)
                .build();
    }

    /** The id of the hold an item of {@link #userOpenQuery} stands for. */
    public static String idOf(Map<String, AttributeValue> meta) {
        return str(meta, ID);
    }

    /** Whether an item of a hold's partition is the hold itself. */
    static boolean isMeta(Map<String, AttributeValue> item) {
        return Keys.META.equals(str(item, Keys.SK));
    }

    /** The hold from the items of its partition; {@code now} decides whether an ACTIVE hold has expired. */
    static StoredHold holdOf(Map<String, AttributeValue> meta, List<Map<String, AttributeValue>> ticketItems, Instant now) {
        List<HeldSeat> seats = meta.get(SEATS).l().stream()
                .map(AttributeValue::m)
                .map(seat -> new HeldSeat(str(seat, SEAT_ID), integer(seat, SEAT_ROW), integer(seat, SEAT_COLUMN),
                        new BigDecimal(str(seat, SEAT_PRICE)), seat.containsKey(SEAT_LABEL) ? str(seat, SEAT_LABEL) : null))
                .toList();
        List<Ticket> tickets = new ArrayList<>();
        for (Map<String, AttributeValue> item : ticketItems) {
            tickets.add(TicketItems.ticketOf(item));
        }
        tickets.sort(Comparator.comparing(Ticket::row).thenComparing(Ticket::column));
        Instant expiresAt = Instant.ofEpochMilli(num(meta, ExpiryIndex.EXPIRES_AT));
        HoldStatus stored = HoldStatus.valueOf(str(meta, STATUS));
        Hold hold = new Hold(str(meta, ID), str(meta, EVENT_ID), str(meta, USER_ID),
                Hold.visibleStatus(stored, expiresAt, now), seats, tickets, new BigDecimal(str(meta, AMOUNT)),
                str(meta, CURRENCY), Instants.parse(str(meta, CREATED_AT)), expiresAt);
        AttributeValue graceUsed = meta.get(PAYMENT_GRACE_USED);
        Optional<Integer> slot = meta.containsKey(ACTIVE_HOLD_SLOT) ? Optional.of(integer(meta, ACTIVE_HOLD_SLOT))
                : Optional.empty();
        Optional<Integer> accountSlot = meta.containsKey(ACCOUNT_HOLD_SLOT)
                ? Optional.of(integer(meta, ACCOUNT_HOLD_SLOT)) : Optional.empty();
        AttributeValue comp = meta.get(COMP);
        return new StoredHold(hold, stored, str(meta, PAYMENT_ID), graceUsed != null && Boolean.TRUE.equals(graceUsed.bool()),
                slot, accountSlot, comp != null && Boolean.TRUE.equals(comp.bool()));
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    private static TransactWriteItem update(Update.Builder update) {
        return TransactWriteItem.builder().update(update.build()).build();
    }
}
