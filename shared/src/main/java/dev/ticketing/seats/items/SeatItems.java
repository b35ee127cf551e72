package dev.ticketing.seats.items;

import static dev.ticketing.store.Attr.n;
import static dev.ticketing.store.Attr.s;

import dev.ticketing.events.model.Event;
import dev.ticketing.input.Instants;
import dev.ticketing.seats.map.items.SeatMapBlockItems;
import dev.ticketing.seats.model.SeatAvailability;
import dev.ticketing.seats.model.SeatId;
import dev.ticketing.seats.model.SeatStatus;
import dev.ticketing.store.Attr;
import dev.ticketing.store.Keys;
import dev.ticketing.store.Table;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * How a seat is stored, and every write to it. Partition {@code SEATS#<eventId>#<block>} (a block is a few whole
 * rows, so the writes of one event spread over partitions and a seat map is a few parallel queries), sort key
 * {@code SEAT#<rrr>#<ccc>}. A seat is AVAILABLE, RESERVED by a hold (with the reservation attributes
 * {@code reserved_at}, {@code expires_at} epoch millis, {@code hold_id}, {@code ticket_id}, {@code user_id}) or SOLD
 * (with {@code sold_at}, {@code payment_id}, and the hold and ticket that bought it), or BLOCKED by the organiser
 * (off sale: no hold condition accepts it). A blocked seat given away is SOLD with {@code comp} true and no
 * {@code payment_id}: its hold, ticket and user are the comp's.
 *
 * <p>The one rule of who may take a seat lives here as {@link #HOLDABLE} (lazy expiry: a reservation whose
 * {@code expires_at} has passed is free), next to its read twin {@link SeatAvailability#visibleStatus}.
 * Stateless: built by each use case from the {@link Table} it writes to, not a bean.
 */
public class SeatItems {
    static final String STATUS = "status";
    static final String HOLD_ID = "hold_id";
    static final String EXPIRES_AT = "expires_at";
    /**
     * The seat's change counter: every write below adds one ({@link #BUMP}), a new seat has none (0). The seat-map
     * projection ({@link SeatMapBlockItems}) applies a change only if it is newer than what it already has.
     */
    static final String VERSION = "seat_version";
    private static final String EVENT_ID = "event_id";
    private static final String ROW = "row";
    private static final String COLUMN = "col";
    private static final String PRICE = "price";
    private static final String RESERVED_AT = "reserved_at";
    private static final String TICKET_ID = "ticket_id";
    private static final String USER_ID = "user_id";
    private static final String SOLD_AT = "sold_at";
    private static final String PAYMENT_ID = "payment_id";
    /** Set on a seat given away as a complimentary ticket: SOLD without a payment. */
    private static final String COMP = "comp";
    /** What a reservation adds to a seat; taking sets them all, releasing removes them all. */
    private static final String RESERVATION = String.join(", ", RESERVED_AT, EXPIRES_AT, HOLD_ID, TICKET_ID, USER_ID);

    /** The condition for taking a seat: it exists and is AVAILABLE, or RESERVED by a hold whose time is up. */
    public static final String HOLDABLE =
            "attribute_exists(pk) AND (#status = :available OR (#status = :reserved AND expires_at <= :now))";

    /** Added to every seat write's update expression (with {@code :one}): the seat's version goes up by one. */
    private static final String BUMP = " ADD " + VERSION + " :one";

    /** "Storage still has this seat RESERVED by this hold": the condition of release and sale alike. */
    private static final String HELD_BY_HOLD = "#status = :reserved AND " + HOLD_ID + " = :hold";

    /**
     * One stored seat, as much as reading the map and checking a hold needs, and its version (every write to the seat
     * raises it; 0 for a seat never changed, or when the read did not ask for it).
     */
    public record StoredSeat(SeatId id, SeatStatus status, long expiresAtMillis, String holdId, long version) {
        public StoredSeat(SeatId id, SeatStatus status, long expiresAtMillis, String holdId) {
            this(id, status, expiresAtMillis, holdId, 0);
        }

        /** Whether storage still has this seat RESERVED by that hold (expired or not). */
        public boolean heldBy(String hold) {
            return status == SeatStatus.RESERVED && hold.equals(holdId);
        }
    }

    /**
     * A seat's state after one of its writes, as a stream record's new image carries it: what the seat-map
     * projection ({@link SeatMapBlockItems#apply}) applies to the seat's block.
     */
    public record SeatChange(String eventId, int block, SeatId seat, long version, SeatStatus status,
                             long expiresAtMillis) {
    }

    private static final String PARTITION_PREFIX = "SEATS";

    private final Table table;

    public SeatItems(Table table) {
        this.table = table;
    }

    public static String partition(String eventId, int block) {
        return Keys.of(PARTITION_PREFIX, eventId, Integer.toString(block));
    }

    /** The change a seat item's image (after a write) stands for; empty for an item that is not a seat. */
    public static Optional<SeatChange> change(Map<String, AttributeValue> image) {
        String pk = Attr.str(image, Keys.PK);
        String status = Attr.str(image, STATUS);
        String sk = Attr.str(image, Keys.SK);
        String prefix = PARTITION_PREFIX + Keys.SEPARATOR;
        int split = pk == null ? -1 : pk.lastIndexOf(Keys.SEPARATOR);
        if (split <= prefix.length() || !pk.startsWith(prefix) || status == null || sk == null) {
            return Optional.empty();
        }
        // the event id is one this system made (a UUID): no part of it was escaped
        return Optional.of(new SeatChange(pk.substring(prefix.length(), split),
                Integer.parseInt(pk.substring(split + 1)), seatId(image), Attr.num(image, VERSION),
                SeatStatus.valueOf(status), Attr.num(image, EXPIRES_AT)));
    }

    public static String sortKey(SeatId seat) {
        // three digits each, as every rectangle (500 x 500 at most) is stored; a plan's grid may have more rows
        return seat.row() < 1000 && seat.column() < 1000
                ? String.format("SEAT#%03d#%03d", seat.row(), seat.column())
                : "SEAT#" + seat.row() + "#" + seat.column();
    }

    public static Map<String, AttributeValue> key(Event event, SeatId seat) {
        return Map.of(Keys.PK, s(partition(event.id(), event.blockOf(seat.row()))), Keys.SK, s(sortKey(seat)));
    }

    /** A new AVAILABLE seat, priced by its row's tier; written unconditionally in bulk when the event is created. */
    public static Map<String, AttributeValue> newSeat(Event event, SeatId seat) {
        Map<String, AttributeValue> item = new HashMap<>(key(event, seat));
        item.put(EVENT_ID, s(event.id()));
        item.put(ROW, n(seat.row()));
        item.put(COLUMN, n(seat.column()));
        item.put(PRICE, s(event.priceOf(seat).toPlainString()));
        item.put(STATUS, s(SeatStatus.AVAILABLE.name()));
        return item;
    }

    /**
     * Take: the seat becomes RESERVED by the hold until {@code expiresAt}, if it is {@link #HOLDABLE} at
     * {@code now} (both kept in epoch millis).
     */
    public TransactWriteItem take(Event event, SeatId seat, String holdId, String ticketId, String userId,
                                  Instant expiresAt, Instant now) {
        return update(Update.builder().tableName(table.name())
                .key(key(event, seat))
                .updateExpression("SET #status = :reserved, " + RESERVED_AT + " = :reservedAt, " + EXPIRES_AT
                        + " = :expires, " + HOLD_ID + " = :hold, " + TICKET_ID + " = :ticket, " + USER_ID + " = :user" + BUMP)
                .conditionExpression(HOLDABLE)
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(Map.of(
                        ":one", n(1),
                        ":available", s(SeatStatus.AVAILABLE.name()),
                        ":reserved", s(SeatStatus.RESERVED.name()),
                        ":now", n(now.toEpochMilli()),
                        ":hold", s(holdId),
                        ":ticket", s(ticketId),
                        ":user", s(userId),
                        ":expires", n(expiresAt.toEpochMilli()),
                        ":reservedAt", n(now.toEpochMilli()))));
    }

    /**
     * Keep free: a check, writing nothing, that the seat is still {@link #HOLDABLE} at {@code now}. A hold puts it on
     * the free seat beyond each free neighbour of its seats, so that a concurrent hold next door cannot turn it into
     * one that strands a seat ({@code seats.choice.LoneSeats#guards}).
     */
    public TransactWriteItem keepFree(Event event, SeatId seat, Instant now) {
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table.name())
                .key(key(event, seat))
                .conditionExpression(HOLDABLE)
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(Map.of(
                        ":available", s(SeatStatus.AVAILABLE.name()),
                        ":reserved", s(SeatStatus.RESERVED.name()),
                        ":now", n(now.toEpochMilli())))
                .build()).build();
    }

    /**
     * Renew: the seat is RESERVED by the hold until {@code until}, if it still is the hold's (expired or not) or is
     * {@link #HOLDABLE} at {@code now} (a paying buyer's expired hold takes back a seat nobody else took).
     */
    public TransactWriteItem renew(Event event, SeatId seat, String holdId, String ticketId, String userId,
                                   Instant until, Instant now) {
        return update(Update.builder().tableName(table.name())
                .key(key(event, seat))
                .updateExpression("SET #status = :reserved, " + EXPIRES_AT + " = :expires, " + HOLD_ID + " = :hold, "
                        + TICKET_ID + " = :ticket, " + USER_ID + " = :user, " + RESERVED_AT
                        + " = if_not_exists(" + RESERVED_AT + ", :now)" + BUMP)
                .conditionExpression("(" + HOLDABLE + ") OR (" + HELD_BY_HOLD + ")")
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(Map.of(
                        ":one", n(1),
                        ":available", s(SeatStatus.AVAILABLE.name()),
                        ":reserved", s(SeatStatus.RESERVED.name()),
                        ":now", n(now.toEpochMilli()),
                        ":hold", s(holdId),
                        ":ticket", s(ticketId),
                        ":user", s(userId),
                        ":expires", n(until.toEpochMilli()))));
    }

    /**
     * Give back a sold seat (its payment was refunded or reversed): AVAILABLE again, only if it is SOLD to this
     * payment; the sale and reservation attributes go.
     */
    public TransactWriteItem releaseSold(Event event, SeatId seat, String paymentId) {
        return update(Update.builder().tableName(table.name())
                .key(key(event, seat))
                .updateExpression("SET #status = :available REMOVE " + RESERVATION + ", " + SOLD_AT + ", " + PAYMENT_ID + BUMP)
                .conditionExpression("#status = :sold AND " + PAYMENT_ID + " = :pid")
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(Map.of(
                        ":one", n(1),
                        ":available", s(SeatStatus.AVAILABLE.name()),
                        ":sold", s(SeatStatus.SOLD.name()),
                        ":pid", s(paymentId))));
    }

    /** Release: AVAILABLE again, reservation removed, only if storage still has it RESERVED by this hold. */
    public TransactWriteItem release(Event event, SeatId seat, String holdId) {
        return update(Update.builder().tableName(table.name())
                .key(key(event, seat))
                .updateExpression("SET #status = :available REMOVE " + RESERVATION + BUMP)
                .conditionExpression(HELD_BY_HOLD)
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(Map.of(
                        ":one", n(1),
                        ":available", s(SeatStatus.AVAILABLE.name()),
                        ":reserved", s(SeatStatus.RESERVED.name()),
                        ":hold", s(holdId))));
    }

    /**
     * Sell: SOLD to the payment, only if storage still has it RESERVED by this hold, expired or not (a seat re-taken
     * after expiry belongs to someone else and is not sold to the late payer). The hold and ticket ids stay as the
     * record of who bought it; {@code expires_at} goes, a sold seat never expires.
     */
    public TransactWriteItem sell(Event event, SeatId seat, String holdId, String paymentId, Instant now) {
        return update(Update.builder().tableName(table.name())
                .key(key(event, seat))
                .updateExpression("SET #status = :sold, " + SOLD_AT + " = :now, " + PAYMENT_ID + " = :pid REMOVE " + EXPIRES_AT + BUMP)
                .conditionExpression(HELD_BY_HOLD)
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(Map.of(
                        ":one", n(1),
                        ":sold", s(SeatStatus.SOLD.name()),
                        ":reserved", s(SeatStatus.RESERVED.name()),
                        ":hold", s(holdId),
                        ":pid", s(paymentId),
                        ":now", s(Instants.text(now)))));
    }

    /**
     * Block: the seat is taken off sale (BLOCKED), if it is {@link #HOLDABLE} at {@code now}: AVAILABLE, or RESERVED
     * by a hold whose time is up (whose reservation goes, as a new hold's would replace it). A held or sold seat
     * fails the condition.
     */
    public TransactWriteItem block(Event event, SeatId seat, Instant now) {
        return update(Update.builder().tableName(table.name())
                .key(key(event, seat))
                .updateExpression("SET #status = :blocked REMOVE " + RESERVATION + BUMP)
                .conditionExpression(HOLDABLE)
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(Map.of(
                        ":one", n(1),
                        ":blocked", s(SeatStatus.BLOCKED.name()),
                        ":available", s(SeatStatus.AVAILABLE.name()),
                        ":reserved", s(SeatStatus.RESERVED.name()),
                        ":now", n(now.toEpochMilli()))));
    }

    /** Unblock: a BLOCKED seat is AVAILABLE again; any other seat fails the condition. */
    public TransactWriteItem unblock(Event event, SeatId seat) {
        return update(Update.builder().tableName(table.name())
                .key(key(event, seat))
                .updateExpression("SET #status = :available" + BUMP)
                .conditionExpression("#status = :blocked")
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(Map.of(
                        ":one", n(1),
                        ":available", s(SeatStatus.AVAILABLE.name()),
                        ":blocked", s(SeatStatus.BLOCKED.name()))));
    }

    /**
     * Comp: a BLOCKED seat is SOLD to {@code userId} as a complimentary ticket of the comp's hold, without a payment
     * ({@code comp} true, no {@code payment_id}); any other seat fails the condition.
     */
    public TransactWriteItem comp(Event event, SeatId seat, String holdId, String ticketId, String userId,
                                  Instant now) {
        return update(Update.builder().tableName(table.name())
                .key(key(event, seat))
                .updateExpression("SET #status = :sold, " + SOLD_AT + " = :now, " + HOLD_ID + " = :hold, " + TICKET_ID
                        + " = :ticket, " + USER_ID + " = :user, " + COMP + " = :true" + BUMP)
                .conditionExpression("#status = :blocked")
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(Map.of(
                        ":one", n(1),
                        ":sold", s(SeatStatus.SOLD.name()),
                        ":blocked", s(SeatStatus.BLOCKED.name()),
                        ":hold", s(holdId),
                        ":ticket", s(ticketId),
                        ":user", s(userId),
                        ":true", AttributeValue.fromBool(true),
                        ":now", s(Instants.text(now)))));
    }

    /** The strongly consistent query of one block of the event's seats, projected to what {@link #storedSeat} reads. */
    public QueryRequest blockQuery(Event event, int block) {
        return QueryRequest.builder()
                .tableName(table.name())
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(partition(event.id(), block))))
                .projectionExpression("sk, #status, " + EXPIRES_AT + ", " + HOLD_ID + ", " + VERSION)
                .expressionAttributeNames(Map.of("#status", STATUS))
                .consistentRead(true)
                .build();
    }

    /**
     * A seat as the organiser's report reads it: its stored status (a RESERVED seat whose {@code expiresAtMillis} has
     * passed reads AVAILABLE to everyone), whether it is a comp, and, once SOLD, the hold, ticket and payment that
     * bought it ({@code paymentId} null for a comp) and when ({@code soldAt}, null when not sold).
     */
    public record SoldState(SeatId id, SeatStatus status, long expiresAtMillis, boolean comp, String holdId,
                            String ticketId, String paymentId, String soldAt) {
    }

    /** The query of one block's seats for the report ({@link SoldState}), strongly consistent. */
    public QueryRequest reportQuery(Event event, int block) {
        return QueryRequest.builder()
                .tableName(table.name())
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(partition(event.id(), block))))
                .projectionExpression(String.join(", ", "sk", "#status", EXPIRES_AT, COMP, HOLD_ID, TICKET_ID,
                        PAYMENT_ID, SOLD_AT))
                .expressionAttributeNames(Map.of("#status", STATUS))
                .consistentRead(true)
                .build();
    }

    public static SoldState soldState(Map<String, AttributeValue> item) {
        AttributeValue comp = item.get(COMP);
        return new SoldState(seatId(item), SeatStatus.valueOf(Attr.str(item, STATUS)), Attr.num(item, EXPIRES_AT),
                comp != null && Boolean.TRUE.equals(comp.bool()), Attr.str(item, HOLD_ID), Attr.str(item, TICKET_ID),
                Attr.str(item, PAYMENT_ID), Attr.str(item, SOLD_AT));
    }

    public static StoredSeat storedSeat(Map<String, AttributeValue> item) {
        return new StoredSeat(seatId(item), SeatStatus.valueOf(Attr.str(item, STATUS)),
                Attr.num(item, EXPIRES_AT), Attr.str(item, HOLD_ID), Attr.num(item, VERSION));
    }

    public static SeatId seatId(Map<String, AttributeValue> item) {
        String sk = item.get(Keys.SK).s();
        int split = sk.indexOf('#', 5);
        return new SeatId(Integer.parseInt(sk.substring(5, split)), Integer.parseInt(sk.substring(split + 1)));
    }

    private static TransactWriteItem update(Update.Builder update) {
        return TransactWriteItem.builder().update(update.build()).build();
    }
}
