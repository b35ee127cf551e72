package dev.ticketing.events;

import static dev.ticketing.store.Attr.integer;
import static dev.ticketing.store.Attr.n;
import static dev.ticketing.store.Attr.s;
import static dev.ticketing.store.Attr.str;

import dev.ticketing.store.Keys;
import dev.ticketing.store.Page;
import dev.ticketing.store.Table;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * How an event is stored, and the one write to it: {@code EVENT#<id>} / {@code META}, listed by date through gsi1
 * {@code EVENTS} / {@code <date>#<id>}. An event never changes once created; its date is an ISO-8601 UTC instant.
 */
@Singleton
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
    private static final String SINGLE_SEAT_RULE = "single_seat_rule";
    private static final String SALES_START = "sales_start";
    private static final String SALES_END = "sales_end";
    private static final String TIER_FROM_ROW = "fromRow";
    private static final String TIER_TO_ROW = "toRow";
    private static final String TIER_PRICE = "price";

    private final Table table;

    public EventItems(Table table) {
        this.table = table;
    }

    /** Create: the event; fails if the id exists. */
    public PutItemRequest create(Event event) {
        return PutItemRequest.builder().tableName(table.name()).item(toItem(event))
                .conditionExpression("attribute_not_exists(pk)").build();
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

    private static Map<String, AttributeValue> toItem(Event event) {
        Map<String, AttributeValue> item = new HashMap<>(key(event.id()));
        item.put(Keys.GSI1_PK, s(ALL_EVENTS));
        item.put(Keys.GSI1_SK, s(event.date() + "#" + event.id()));
        item.put(ID, s(event.id()));
        item.put(NAME, s(event.name()));
        item.put(DATE, s(event.date().toString()));
        item.put(ROWS, n(event.rows()));
        item.put(COLUMNS, n(event.columns()));
        item.put(CURRENCY, s(event.currency()));
        item.put(ROWS_PER_BLOCK, n(event.rowsPerBlock()));
        item.put(SINGLE_SEAT_RULE, s(event.singleSeatRule().name()));
        item.put(SALES_START, s(event.salesStart().toString()));
        item.put(SALES_END, s(event.salesEnd().toString()));
        item.put(PRICES, AttributeValue.fromL(event.prices().stream()
                .map(tier -> AttributeValue.fromM(Map.of(
                        TIER_FROM_ROW, n(tier.fromRow()),
                        TIER_TO_ROW, n(tier.toRow()),
                        TIER_PRICE, s(tier.price().toPlainString()))))
                .toList()));
        return item;
    }

    static Event fromItem(Map<String, AttributeValue> item) {
        List<PriceTier> prices = item.get(PRICES).l().stream()
                .map(AttributeValue::m)
                .map(tier -> new PriceTier(integer(tier, TIER_FROM_ROW), integer(tier, TIER_TO_ROW),
                        new BigDecimal(str(tier, TIER_PRICE))))
                .toList();
        Instant date = Instant.parse(str(item, DATE));
        // Events stored before sales windows and the single-seat rule: on sale until their date, any pick allowed.
        String rule = str(item, SINGLE_SEAT_RULE);
        String salesStart = str(item, SALES_START);
        String salesEnd = str(item, SALES_END);
        return new Event(str(item, ID), str(item, NAME), date,
                integer(item, ROWS), integer(item, COLUMNS), str(item, CURRENCY), prices,
                integer(item, ROWS_PER_BLOCK), rule == null ? SingleSeatRule.ALLOW : SingleSeatRule.valueOf(rule),
                salesStart == null ? Instant.EPOCH : Instant.parse(salesStart),
                salesEnd == null ? date : Instant.parse(salesEnd));
    }
}
