package dev.ticketing.events.items;

import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.EventStatus;
import dev.ticketing.problems.NotFoundException;
import dev.ticketing.store.Ids;
import dev.ticketing.store.Page;
import dev.ticketing.store.Table;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Events: stored through {@link EventItems}, read by id (cached once ON_SALE: from then on an event never changes)
 * or all those on sale.
 */
@Singleton
public class EventReader {
    private final DynamoDbClient dynamo;
    private static final int CACHE_LIMIT = 10_000;

    private final String table;
    private final Map<String, Event> cache = new ConcurrentHashMap<>();

    private final EventItems items;

    public EventReader(Table table) {
        this.dynamo = table.client();
        this.table = table.name();
        this.items = new EventItems(table);
    }

    /**
     * Stores a new event as it is (an ON_SALE one with its seats already written); a second event with the same id is
     * refused ({@code ConditionalCheckFailedException}).
     */
    public void put(Event event) {
        dynamo.putItem(items.create(event));
    }

    /**
     * The event, or 404. An ON_SALE event never changes again, so it is kept for the life of the container; every
     * hold and seat-map read needs it. One still being created is read again (strongly consistent) every time, so
     * it is seen ON_SALE as soon as it is.
     */
    public Event get(String eventId) {
        if (!Ids.isServerMade(eventId)) {
            throw new NotFoundException("Event " + Ids.quoted(eventId) + " does not exist");
        }
        Event known = cache.get(eventId);
        if (known != null) {
            return known;
        }
        Event event = current(eventId).orElseThrow(() -> new NotFoundException("Event " + eventId + " does not exist"));
        if (event.status() == EventStatus.ON_SALE) {
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(eventId, event);
        }
        return event;
    }

    /** The event as stored now (strongly consistent, never cached), if it exists. */
    public Optional<Event> current(String eventId) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(table).key(EventItems.key(eventId)).consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(EventItems.fromItem(response.item()));
    }

    /**
     * A page of at most {@code limit} events on sale, soonest first, after {@code cursor} (null: the first page); one
     * still being created is not in the list's index yet.
     */
    public Page<Event> page(int limit, String cursor) {
        QueryResponse page = dynamo.query(items.listQuery().toBuilder().limit(limit)
                .exclusiveStartKey(EventItems.listStartKey(cursor)).build());
        return new Page<>(page.items().stream().map(EventItems::fromItem).toList(),
                Page.cursorOf(page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null));
    }

    /** All events on sale, soonest first. */
    public List<Event> list() {
        return dynamo.queryPaginator(items.listQuery()).items().stream()
                .map(EventItems::fromItem)
                .toList();
    }
}
