package dev.ticketing.events.items;

import static dev.ticketing.store.Attr.s;
import static dev.ticketing.store.Attr.str;

import dev.ticketing.input.Instants;
import dev.ticketing.store.Keys;
import dev.ticketing.store.Page;
import dev.ticketing.store.Table;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * An organiser's list of their events: {@code ORGANIZER#<organizerId>} / {@code EVENT#<created ms, 13 digits>#<id>},
 * one entry per event, put in the transaction that begins the event ({@code events.CreateEvent}) and never changed.
 * It lists every event of the organiser whatever its status (CREATING, FAILED, ON_SALE, CANCELLED), which the public
 * list ({@code gsi1 EVENTS}, ON_SALE only) does not; the sort key is the creation time, which no edit moves, so a
 * moved date never moves or duplicates an entry. The event's own fields are read from the event item. Events stored
 * before this list have no entry. Stateless: built from the {@link Table}, not a bean.
 */
public class OrganiserEventItems {
    private static final String PARTITION_PREFIX = "ORGANIZER";
    private static final String SORT_PREFIX = "EVENT#";
    private static final String EVENT_ID = "event_id";
    private static final String CREATED_AT = "created_at";

    private final Table table;

    public OrganiserEventItems(Table table) {
        this.table = table;
    }

    static String partition(String organizerId) {
        return Keys.of(PARTITION_PREFIX, organizerId);
    }

    /** Record: the event {@code eventId} of {@code organizerId}, created at {@code createdAt}; fails if recorded. */
    public TransactWriteItem record(String organizerId, String eventId, Instant createdAt) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Keys.PK, s(partition(organizerId)));
        item.put(Keys.SK, s(SORT_PREFIX + String.format("%013d", createdAt.toEpochMilli()) + "#" + Keys.part(eventId)));
        item.put(EVENT_ID, s(eventId));
        item.put(CREATED_AT, s(Instants.text(createdAt)));
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /** The organiser's events, newest first (strongly consistent: an event just created is in it). */
    public QueryRequest organizerQuery(String organizerId) {
        return QueryRequest.builder().tableName(table.name())
                .keyConditionExpression(Keys.PK + " = :pk AND begins_with(" + Keys.SK + ", :prefix)")
                .expressionAttributeValues(Map.of(":pk", s(partition(organizerId)), ":prefix", s(SORT_PREFIX)))
                .scanIndexForward(false).consistentRead(true).build();
    }

    /** The {@code ExclusiveStartKey} after {@code cursor} (null: the first page); 400 for a cursor not of this list. */
    public static Map<String, AttributeValue> startKey(String organizerId, String cursor) {
        return Page.startKey(cursor, Set.of(Keys.PK, Keys.SK), Keys.PK, partition(organizerId), Keys.SK, SORT_PREFIX);
    }

    public static String eventIdOf(Map<String, AttributeValue> item) {
        return str(item, EVENT_ID);
    }
}
