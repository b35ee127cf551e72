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
 * Events: stored through {@link EventItems}, read by id (an ON_SALE one cached for {@link #CACHE_FOR_NANOS}: it changes only
 * when cancelled) or all those listed.
 */
@Singleton
public class EventReader {
    private final DynamoDbClient dynamo;
    private static final int CACHE_LIMIT = 10_000;
    /**
     * How long an instance keeps an ON_SALE event before reading it again: the longest another instance goes on
     * taking holds of an event that was just cancelled (the instance that cancels forgets it at once). Sales do not
     * rest on it: the sale transaction checks the event's sales gate ({@link SalesGateItems}).
     */
    public static final long CACHE_FOR_NANOS = 1_000_000_000L;

    private final String table;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Event event, long readAtNanos) {
    }

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
     * The event, or 404. An ON_SALE event changes only when it is cancelled, so it is kept for
     * {@link #CACHE_FOR_NANOS}; every hold and seat-map read needs it. One still being created (or cancelled) is read
     * again (strongly consistent) every time, so it is seen ON_SALE as soon as it is.
     */
    public Event get(String eventId) {
        if (!Ids.isServerMade(eventId)) {
            throw new NotFoundException("Event " + Ids.quoted(eventId) + " does not exist");
        }
        Cached known = cache.get(eventId);
        long now = System.nanoTime();
        if (known != null && now - known.readAtNanos() < CACHE_FOR_NANOS) {
            return known.event();
        }
        Event event = current(eventId).orElseThrow(() -> new NotFoundException("Event " + eventId + " does not exist"));
        if (event.status() == EventStatus.ON_SALE) {
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(eventId, new Cached(event, now));
        } else {
            cache.remove(eventId);
        }
        return event;
    }

    /** Forgets what this instance knows of the event (it was just cancelled here): the next read is the stored one. */
    public void forget(String eventId) {
        cache.remove(eventId);
    }

    /** The cancellation the event's item records (strongly consistent), empty when it does not exist or is not cancelled. */
    public Optional<EventItems.CancelledEvent> cancellation(String eventId) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(table).key(EventItems.key(eventId)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? EventItems.cancelledOf(response.item()) : Optional.empty();
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
