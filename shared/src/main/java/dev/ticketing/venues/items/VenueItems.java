package dev.ticketing.venues.items;

import static dev.ticketing.store.Attr.integer;
import static dev.ticketing.store.Attr.n;
import static dev.ticketing.store.Attr.s;
import static dev.ticketing.store.Attr.str;

import dev.ticketing.input.Instants;
import dev.ticketing.store.Keys;
import dev.ticketing.store.Table;
import dev.ticketing.venues.model.Venue;
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
 * How a venue is stored: {@code VENUE#<id>} / {@code META}, with its name, owner, current plan version and that
 * version's seat count and categories. Listed in gsi1 under {@code VENUES} by
 * {@code <organizer>#<created>#<id>}: one query gives an organiser's venues (a prefix) or, for an admin, all of
 * them. Venues are made rarely, so one list partition is enough. Stateless: built by each use case from the
 * {@link Table}.
 */
public class VenueItems {
    /** gsi1's partition of the venue list. */
    public static final String LIST = "VENUES";
    private static final String ID = "venue_id";
    private static final String NAME = "name";
    private static final String ORGANIZER_ID = "organizer_id";
    private static final String VERSION = "version";
    private static final String SEATS = "seats";
    private static final String CATEGORIES = "categories";
    private static final String CREATED_AT = "created_at";
    private static final String UPDATED_AT = "updated_at";

    private final Table table;

    public VenueItems(Table table) {
        this.table = table;
    }

    public static Map<String, AttributeValue> key(String venueId) {
        return Map.of(Keys.PK, s(partition(venueId)), Keys.SK, s(Keys.META));
    }

    /** The partition of a venue: its item, and its plan versions beside it ({@link PlanItems}). */
    public static String partition(String venueId) {
        return Keys.of("VENUE", venueId);
    }

    /** The list key prefix of {@code organizerId}'s venues; {@code ""} for all. */
    public static String listPrefix(String organizerId) {
        return organizerId == null ? "" : Keys.part(organizerId) + Keys.SEPARATOR;
    }

    /** Create: the venue at its first version; refused if the id exists (ids are new UUIDs: never in practice). */
    public TransactWriteItem create(Venue venue) {
        Map<String, AttributeValue> item = new HashMap<>(key(venue.id()));
        item.put(Keys.GSI1_PK, s(LIST));
        item.put(Keys.GSI1_SK, s(listPrefix(venue.organizerId()) + Instants.text(venue.createdAt()) + "#" + venue.id()));
        item.put(ID, s(venue.id()));
        item.put(NAME, s(venue.name()));
        item.put(ORGANIZER_ID, s(venue.organizerId()));
        item.put(VERSION, n(venue.version()));
        item.put(SEATS, n(venue.seats()));
        item.put(CATEGORIES, categories(venue.categories()));
        item.put(CREATED_AT, s(Instants.text(venue.createdAt())));
        item.put(UPDATED_AT, s(Instants.text(venue.updatedAt())));
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /**
     * The venue moves from plan version {@code previous} to {@code previous + 1}, with that version's seats and
     * categories; refused when the venue is no longer at {@code previous} (another change came first).
     */
    public TransactWriteItem nextVersion(String venueId, int previous, int seats, List<String> categories, Instant at) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table.name()).key(key(venueId))
                .updateExpression("SET #version = :next, seats = :seats, categories = :categories, updated_at = :at")
                .conditionExpression("#version = :previous")
                .expressionAttributeNames(Map.of("#version", VERSION))
                .expressionAttributeValues(Map.of(":next", n(previous + 1), ":previous", n(previous),
                        ":seats", n(seats), ":categories", categories(categories), ":at", s(Instants.text(at))))
                .build()).build();
    }

    /** The venues listed under {@code prefix} ({@link #listPrefix}), oldest first. */
    public QueryRequest listQuery(String prefix) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table.name()).indexName(Keys.GSI1);
        if (prefix.isEmpty()) { // DynamoDB refuses begins_with an empty text
            return query.keyConditionExpression(Keys.GSI1_PK + " = :list")
                    .expressionAttributeValues(Map.of(":list", s(LIST))).build();
        }
        return query.keyConditionExpression(Keys.GSI1_PK + " = :list AND begins_with(" + Keys.GSI1_SK + ", :prefix)")
                .expressionAttributeValues(Map.of(":list", s(LIST), ":prefix", s(prefix)))
                .build();
    }

    public static Venue venueOf(Map<String, AttributeValue> item) {
        return new Venue(str(item, ID), str(item, NAME), integer(item, VERSION), integer(item, SEATS),
                item.get(CATEGORIES).l().stream().map(AttributeValue::s).toList(),
                Instants.parse(str(item, CREATED_AT)), Instants.parse(str(item, UPDATED_AT)), str(item, ORGANIZER_ID));
    }

    private static AttributeValue categories(List<String> names) {
        return AttributeValue.fromL(names.stream().map(AttributeValue::fromS).toList());
    }
}
