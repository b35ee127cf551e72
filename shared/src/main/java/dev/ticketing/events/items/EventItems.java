package dev.ticketing.events.items;

import static dev.ticketing.store.Attr.integer;
import static dev.ticketing.store.Attr.n;
import static dev.ticketing.store.Attr.s;
import static dev.ticketing.store.Attr.str;

import dev.ticketing.events.model.CategoryPrice;
import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.EventPlan;
import dev.ticketing.events.model.EventStatus;
import dev.ticketing.events.model.PriceTier;
import dev.ticketing.events.model.SingleSeatRule;
import dev.ticketing.input.Instants;
import dev.ticketing.store.Attr;
import dev.ticketing.store.Keys;
import dev.ticketing.store.Page;
import dev.ticketing.store.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * How an event is stored, and every write to it: {@code EVENT#<id>} / {@code META}, listed by date through gsi1
 * {@code EVENTS} / {@code <date>#<id>} once it is ON_SALE (the index is sparse: an event still CREATING or FAILED has
 * no gsi1 keys, so the list never shows it). Its date is an ISO-8601 UTC instant. Its {@link EventStatus} goes from
 * CREATING (or FAILED) to ON_SALE, by whoever holds the event's creation lease; once ON_SALE its organiser may change
 * its name, date, sales window and prices ({@link #change}), each change counted by {@code event_version} (absent:
 * 0, never changed), the condition of the next. It belongs to the organiser {@code organizer_id}, set at creation and
 * never changed (absent on events stored before organisers). The creation lease is ({@code lease_owner} until {@code lease_until}, epoch millis): the one writer of its seats
 * at a time (see {@code events.EventSeats}). Items without a status were stored before statuses: ON_SALE.
 * Stateless: built by each use case from the {@link Table} it writes to, not a bean.
 */
public class EventItems {
    private static final String ALL_EVENTS = "EVENTS";
    private static final String ID = "id";
    private static final String NAME = "name";
    private static final String DATE = "date";
    private static final String ROWS = "rows";
    private static final String COLUMNS = "columns";
    private static final String CURRENCY = "currency";
    private static final String ROWS_PER_BLOCK = "rows_per_block";
    private static final String PRICES = "prices";
    /** An event on a venue's plan (issue 20): the venue, the plan version, each category's price. */
    private static final String VENUE_ID = "venue_id";
    private static final String PLAN_VERSION = "plan_version";
    private static final String CATEGORY_PRICES = "category_prices";
    private static final String CATEGORY = "category";
    private static final String SINGLE_SEAT_RULE = "single_seat_rule";
    private static final String SALES_START = "sales_start";
    private static final String SALES_END = "sales_end";
    private static final String TIER_FROM_ROW = "fromRow";
    private static final String TIER_TO_ROW = "toRow";
    private static final String TIER_PRICE = "price";
    private static final String STATUS = "status";
    private static final String FAILURE_REASON = "failure_reason";
    /** The organiser the event belongs to (absent: stored before organisers, run by platform admins only). */
    private static final String ORGANIZER_ID = "organizer_id";
    private static final String TIME_ZONE = "time_zone";
    private static final String CANCEL_REASON = "cancel_reason";
    private static final String CANCELLED_AT = "cancelled_at";
    private static final String CANCELLED_TICKETS = "cancelled_tickets";
    private static final String LEASE_OWNER = "lease_owner";
    private static final String LEASE_UNTIL = "lease_until";
    /** How many seats a CREATING event's writer has written (its progress). */
    private static final String SEATS_WRITTEN = "seats_written";
    /** How many times the organiser changed the event since it was created (absent: never). */
    private static final String VERSION = "event_version";
    /** The lease is free: nobody took it, or its holder's time is up. */
    private static final String LEASE_FREE = "(attribute_not_exists(" + LEASE_UNTIL + ") OR " + LEASE_UNTIL + " <= :now)";
    private static final String UNFINISHED = "#status IN (:creating, :failed)";

    private final Table table;

    public EventItems(Table table) {
        this.table = table;
    }

    /** Create: the event as it is (ON_SALE: with every seat already written); fails if the id exists. */
    public PutItemRequest create(Event event) {
        return PutItemRequest.builder().tableName(table.name()).item(toItem(event))
                .conditionExpression("attribute_not_exists(pk)").build();
    }

    /**
     * Begin: the event CREATING, before any of its seats; fails if the id exists. With a lease ({@code owner} until
     * {@code leaseUntil}) the writer that begins it writes the seats itself; without one the writer EventSeatsFunction
     * was asked for ({@code events.creation.EventSeatsTrigger}) claims it.
     */
    public TransactWriteItem begin(Event event, Optional<String> owner, Instant leaseUntil) {
        Map<String, AttributeValue> item = toItem(event.withStatus(EventStatus.CREATING, null));
        owner.ifPresent(o -> {
            item.put(LEASE_OWNER, s(o));
            item.put(LEASE_UNTIL, n(leaseUntil.toEpochMilli()));
        });
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /**
     * Claim: {@code owner} becomes the one writer of the unfinished event's seats until {@code until}, if the lease is
     * free at {@code now}; the event is CREATING again (a FAILED one is resumed, its reason cleared).
     */
    public TransactWriteItem claim(String eventId, String owner, Instant until, Instant now) {
        return update(eventId, "SET #status = :creating, " + LEASE_OWNER + " = :owner, " + LEASE_UNTIL + " = :until"
                        + " REMOVE " + FAILURE_REASON,
                UNFINISHED + " AND " + LEASE_FREE,
                Map.of(":creating", s(EventStatus.CREATING.name()), ":failed", s(EventStatus.FAILED.name()),
                        ":owner", s(owner), ":until", n(until.toEpochMilli()), ":now", n(now.toEpochMilli())));
    }

    /** Renew: {@code owner} keeps the lease until {@code until}, if it still holds it on a CREATING event. */
    /**
     * Progress: how many seats the lease's holder has written so far ({@code seats_written}, shown while the event is
     * CREATING); only by the holder of a CREATING event's lease, so a writer that lost it never reports.
     */
    public TransactWriteItem progress(String eventId, String owner, int written) {
        return update(eventId, "SET " + SEATS_WRITTEN + " = :written",
                "#status = :creating AND " + LEASE_OWNER + " = :owner",
                Map.of(":creating", s(EventStatus.CREATING.name()), ":owner", s(owner), ":written", n(written)));
    }

    /** The seats written so far that an event's item records ({@link #progress}); 0 when none yet. */
    public static int seatsWrittenOf(Map<String, AttributeValue> item) {
        return (int) Attr.num(item, SEATS_WRITTEN);
    }

    public TransactWriteItem renew(String eventId, String owner, Instant until) {
        return update(eventId, "SET " + LEASE_UNTIL + " = :until",
                "#status = :creating AND " + LEASE_OWNER + " = :owner",
                Map.of(":creating", s(EventStatus.CREATING.name()), ":owner", s(owner), ":until", n(until.toEpochMilli())));
    }

    /**
     * Finish: every seat is written; the event is ON_SALE and listed, the lease gone; only by the lease's holder of a
     * CREATING event.
     */
    public TransactWriteItem finish(Event event, String owner) {
        return update(event.id(), "SET #status = :onSale, " + Keys.GSI1_PK + " = :all, " + Keys.GSI1_SK + " = :listed"
                        + " REMOVE " + LEASE_OWNER + ", " + LEASE_UNTIL + ", " + FAILURE_REASON,
                "#status = :creating AND " + LEASE_OWNER + " = :owner",
                Map.of(":creating", s(EventStatus.CREATING.name()), ":onSale", s(EventStatus.ON_SALE.name()),
                        ":owner", s(owner), ":all", s(ALL_EVENTS), ":listed", s(listedAs(event))));
    }

    /** Fail: writing the seats stopped for {@code reason}; the lease is given up; only by its holder. */
    public TransactWriteItem fail(String eventId, String owner, String reason) {
        return update(eventId, "SET #status = :failed, " + FAILURE_REASON + " = :reason REMOVE " + LEASE_OWNER + ", "
                        + LEASE_UNTIL,
                "#status = :creating AND " + LEASE_OWNER + " = :owner",
                Map.of(":creating", s(EventStatus.CREATING.name()), ":failed", s(EventStatus.FAILED.name()),
                        ":owner", s(owner), ":reason", s(reason)));
    }

    /**
     * Cancel: an ON_SALE event (or one stored before statuses) becomes CANCELLED for {@code reason} at {@code now};
     * it stays listed. Fails when it is not on sale (still being created, or already cancelled).
     */
    public TransactWriteItem cancel(String eventId, String reason, Instant now) {
        return update(eventId, "SET #status = :cancelled, " + CANCEL_REASON + " = :reason, " + CANCELLED_AT + " = :now",
                "attribute_exists(pk) AND (#status = :onSale OR attribute_not_exists(#status))",
                Map.of(":cancelled", s(EventStatus.CANCELLED.name()), ":onSale", s(EventStatus.ON_SALE.name()),
                        ":reason", s(reason), ":now", s(Instants.text(now))));
    }

    /**
     * Count the cancelled tickets: how many tickets the cancelled event had sold, recorded once (a repeat keeps the
     * first count, made before any refund of the cancellation).
     */
    public TransactWriteItem countCancelledTickets(String eventId, int tickets) {
        return update(eventId, "SET " + CANCELLED_TICKETS + " = if_not_exists(" + CANCELLED_TICKETS + ", :tickets)",
                "#status = :cancelled",
                Map.of(":cancelled", s(EventStatus.CANCELLED.name()), ":tickets", n(tickets)));
    }

    /** What the event item says of its cancellation: the reason, when, and the tickets counted (null until counted). */
    public record CancelledEvent(String reason, Instant cancelledAt, Integer tickets) {
    }

    /** The cancellation an event item records, empty when the event is not cancelled. */
    static java.util.Optional<CancelledEvent> cancelledOf(Map<String, AttributeValue> item) {
        if (!EventStatus.CANCELLED.name().equals(str(item, STATUS))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new CancelledEvent(str(item, CANCEL_REASON), Instant.parse(str(item, CANCELLED_AT)),
                item.containsKey(CANCELLED_TICKETS) ? integer(item, CANCELLED_TICKETS) : null));
    }

    /**
     * Change: the ON_SALE event's name, date (and its place in the list), sales window and prices become
     * {@code changed}'s, if it is still at {@code version} (nobody changed it since it was read); its version is
     * then {@code version + 1}.
     */
    public TransactWriteItem change(Event changed, long version) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":onSale", s(EventStatus.ON_SALE.name()),
                ":name", s(changed.name()),
                ":date", s(Instants.text(changed.date())),
                ":listed", s(listedAs(changed)),
                ":start", s(Instants.text(changed.salesStart())),
                ":end", s(Instants.text(changed.salesEnd())),
                ":prices", prices(changed),
                ":next", n(version + 1)));
        String zone = " REMOVE " + TIME_ZONE;
        if (changed.timeZone() != null) {
            values.put(":zone", s(changed.timeZone()));
            zone = ", " + TIME_ZONE + " = :zone";
        }
        String categoryPrices = "";
        if (changed.plan() != null) {
            values.put(":categoryPrices", categoryPrices(changed));
            categoryPrices = ", " + CATEGORY_PRICES + " = :categoryPrices";
        }
        String unchanged = "attribute_not_exists(" + VERSION + ")";
        if (version > 0) {
            unchanged = VERSION + " = :version";
            values.put(":version", n(version));
        }
        return update(changed.id(), "SET #name = :name, #date = :date, " + Keys.GSI1_SK + " = :listed, " + SALES_START
                        + " = :start, " + SALES_END + " = :end, " + PRICES + " = :prices, " + VERSION + " = :next" + categoryPrices
                        + zone,
                "#status = :onSale AND " + unchanged, Map.of("#name", NAME, "#date", DATE), values);
    }

    private TransactWriteItem update(String eventId, String expression, String condition,
                                     Map<String, AttributeValue> values) {
        return update(eventId, expression, condition, Map.of(), values);
    }

    private TransactWriteItem update(String eventId, String expression, String condition, Map<String, String> names,
                                     Map<String, AttributeValue> values) {
        Map<String, String> allNames = new HashMap<>(names);
        allNames.put("#status", STATUS);
        return TransactWriteItem.builder().update(Update.builder().tableName(table.name()).key(key(eventId))
                .updateExpression(expression).conditionExpression(condition)
                .expressionAttributeNames(allNames)
                .expressionAttributeValues(values).build()).build();
    }

    /** The event's change counter as stored (0: never changed). */
    static long versionOf(Map<String, AttributeValue> item) {
        return Attr.num(item, VERSION);
    }

    /**
     * The {@code ExclusiveStartKey} of the list's page after {@code cursor} (null: the first page); a cursor that is
     * not one of this list's is a 400 (see {@link Page#startKey}).
     */
    public static Map<String, AttributeValue> listStartKey(String cursor) {
        return Page.startKey(cursor, Set.of(Keys.PK, Keys.SK, Keys.GSI1_PK, Keys.GSI1_SK), Keys.GSI1_PK, ALL_EVENTS,
                Keys.GSI1_SK, "");
    }

    /** Every event, soonest first, from gsi1 (eventually consistent). */
    public QueryRequest listQuery() {
        return QueryRequest.builder().tableName(table.name()).indexName(Keys.GSI1)
                .keyConditionExpression(Keys.GSI1_PK + " = :all")
                .expressionAttributeValues(Map.of(":all", s(ALL_EVENTS)))
                .build();
    }


    static Map<String, AttributeValue> key(String eventId) {
        return Map.of(Keys.PK, s(Keys.event(eventId)), Keys.SK, s(Keys.META));
    }

    private static String listedAs(Event event) {
        return Instants.text(event.date()) + "#" + event.id();
    }

    private static Map<String, AttributeValue> toItem(Event event) {
        Map<String, AttributeValue> item = new HashMap<>(key(event.id()));
        if (event.status() == EventStatus.ON_SALE) {
            item.put(Keys.GSI1_PK, s(ALL_EVENTS));
            item.put(Keys.GSI1_SK, s(listedAs(event)));
        }
        item.put(STATUS, s(event.status().name()));
        if (event.failureReason() != null) {
            item.put(FAILURE_REASON, s(event.failureReason()));
        }
        item.put(ID, s(event.id()));
        item.put(NAME, s(event.name()));
        item.put(DATE, s(Instants.text(event.date())));
        item.put(ROWS, n(event.rows()));
        item.put(COLUMNS, n(event.columns()));
        item.put(CURRENCY, s(event.currency()));
        item.put(ROWS_PER_BLOCK, n(event.rowsPerBlock()));
        item.put(SINGLE_SEAT_RULE, s(event.singleSeatRule().name()));
        item.put(SALES_START, s(Instants.text(event.salesStart())));
        item.put(SALES_END, s(Instants.text(event.salesEnd())));
        item.put(PRICES, prices(event));
        if (event.organizerId() != null) {
            item.put(ORGANIZER_ID, s(event.organizerId()));
        }
        if (event.timeZone() != null) {
            item.put(TIME_ZONE, s(event.timeZone()));
        }
        if (event.plan() != null) {
            item.put(VENUE_ID, s(event.plan().venueId()));
            item.put(PLAN_VERSION, n(event.plan().version()));
            item.put(CATEGORY_PRICES, categoryPrices(event));
        }
        return item;
    }

    private static AttributeValue categoryPrices(Event event) {
        return AttributeValue.fromL(event.plan().categoryPrices().stream()
                .map(price -> AttributeValue.fromM(Map.of(
                        CATEGORY, s(price.category()),
                        TIER_PRICE, s(price.price().toPlainString()))))
                .toList());
    }

    /** The plan an event's item names, without its grid; null for a rectangle. */
    private static EventPlan planOf(Map<String, AttributeValue> item) {
        if (!item.containsKey(VENUE_ID)) {
            return null;
        }
        return new EventPlan(str(item, VENUE_ID), integer(item, PLAN_VERSION), item.get(CATEGORY_PRICES).l().stream()
                .map(AttributeValue::m)
                .map(price -> new CategoryPrice(str(price, CATEGORY), new BigDecimal(str(price, TIER_PRICE))))
                .toList(), null);
    }

    private static AttributeValue prices(Event event) {
        return AttributeValue.fromL(event.prices().stream()
                .map(tier -> AttributeValue.fromM(Map.of(
                        TIER_FROM_ROW, n(tier.fromRow()),
                        TIER_TO_ROW, n(tier.toRow()),
                        TIER_PRICE, s(tier.price().toPlainString()))))
                .toList());
    }

    static Event fromItem(Map<String, AttributeValue> item) {
        List<PriceTier> prices = item.get(PRICES).l().stream()
                .map(AttributeValue::m)
                .map(tier -> new PriceTier(integer(tier, TIER_FROM_ROW), integer(tier, TIER_TO_ROW),
                        new BigDecimal(str(tier, TIER_PRICE))))
                .toList();
        Instant date = Instants.parse(str(item, DATE));
        // Events stored before sales windows and the single-seat rule: on sale until their date, any pick allowed.
        String rule = str(item, SINGLE_SEAT_RULE);
        String salesStart = str(item, SALES_START);
        String salesEnd = str(item, SALES_END);
        String status = str(item, STATUS);
        return new Event(str(item, ID), str(item, NAME), date,
                integer(item, ROWS), integer(item, COLUMNS), str(item, CURRENCY), prices,
                integer(item, ROWS_PER_BLOCK), rule == null ? SingleSeatRule.ALLOW : SingleSeatRule.valueOf(rule),
                salesStart == null ? Instant.EPOCH : Instants.parse(salesStart),
                salesEnd == null ? date : Instants.parse(salesEnd),
                status == null ? EventStatus.ON_SALE : EventStatus.valueOf(status), str(item, FAILURE_REASON),
                str(item, ORGANIZER_ID), planOf(item), str(item, TIME_ZONE));
    }
}
