package dev.ticketing.events;

import dev.ticketing.problems.NotFoundException;
import dev.ticketing.store.Ids;
import dev.ticketing.store.Page;
import dev.ticketing.store.Table;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Events: stored through {@link EventItems}, read by id (cached: events never change) or all of them. */
@Singleton
public class EventStore {
    private final DynamoDbClient dynamo;
    private static final int CACHE_LIMIT = 10_000;

    private final String table;
    private final Map<String, Event> cache = new ConcurrentHashMap<>();

    private final EventItems items;

    public EventStore(Table table, EventItems items) {
        this.dynamo = table.client();
        this.table = table.name();
        this.items = items;
    }

    /** Stores a new event; a second event with the same id is refused ({@code ConditionalCheckFailedException}). */
    public void put(Event event) {
        dynamo.putItem(items.create(event));
    }

    /**
     * The event, or 404. Events never change once created, so a found event is kept for the life of the
     * container and an eventually consistent read is enough; every hold and seat-map read needs it.
     */
    public Event get(String eventId) {
        if (!Ids.isServerMade(eventId)) {
            throw new NotFoundException("Event " + Ids.quoted(eventId) + " does not exist");
        }
        Event known = cache.get(eventId);
        if (known != null) {
            return known;
        }
        GetItemResponse response = dynamo.getItem(b -> b.tableName(table).key(EventItems.key(eventId)));
        if (!response.hasItem() || response.item().isEmpty()) {
            throw new NotFoundException("Event " + eventId + " does not exist");
        }
        Event event = EventItems.fromItem(response.item());
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(eventId, event);
        return event;
    }

    /** A page of at most {@code limit} events, soonest first, after {@code cursor} (null: the first page). */
    public Page<Event> page(int limit, String cursor) {
        QueryResponse page = dynamo.query(items.listQuery().toBuilder().limit(limit)
                .exclusiveStartKey(EventItems.listStartKey(cursor)).build());
        return new Page<>(page.items().stream().map(EventItems::fromItem).toList(),
                Page.cursorOf(page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null));
    }

    /** All events, soonest first. */
    public List<Event> list() {
        return dynamo.queryPaginator(items.listQuery()).items().stream()
                .map(EventItems::fromItem)
                .toList();
    }
}
