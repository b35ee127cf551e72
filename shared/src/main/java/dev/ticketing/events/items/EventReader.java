package dev.ticketing.events.items;

import dev.ticketing.events.model.Event;
import dev.ticketing.events.model.EventStatus;
import dev.ticketing.problems.NotFoundException;
import dev.ticketing.store.Ids;
import dev.ticketing.store.Page;
import dev.ticketing.store.Table;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Events: stored through {@link EventItems}, read by id (an ON_SALE one cached for {@link #CACHE_FOR}) or all those
 * listed. An event on a venue's plan read by id comes with its plan's grid ({@link PlanGrids}); the lists' events
 * come without (they are answered, never sold from).
 */
@Singleton
public class EventReader {
    /**
     * How long an instance serves an ON_SALE event it read without asking again: every hold and seat-map read needs
     * the event, so it is not read each time; but its organiser may edit, reprice or cancel it ({@code events.EditEvent},
     * {@code events.RepriceSeats}, {@code events.CancelEvent}; a sale never depends on this copy: its transaction checks
     * the stored sales gate). Once a copy is older than this, it is still served for as long again while ONE
     * background read refreshes it (so no hold or map refresh waits for that read); past twice this it is read before
     * answering. So another instance sees a change within 2 s (plus one read); the instance that made it at once
     * ({@link #forget}). A hold placed meanwhile is priced as the map its buyer saw a moment before.
     */
    public static final Duration CACHE_FOR = Duration.ofSeconds(1);
    private static final int CACHE_LIMIT = 10_000;

    /** An event as stored, with its change counter: the condition of the next change. */
    public record Versioned(Event event, long version) {
    }

    private record Cached(Event event, Instant readAt) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** The events whose background refresh is running: at most one read per event at a time. */
    private final Map<String, Boolean> refreshing = new ConcurrentHashMap<>();
    private final Clock clock;
    private final EventItems items;
    private final PlanGrids grids;

    /** A reader for tools that run outside a context (the table check, benchmarks): the system's clock. */
    public EventReader(Table table) {
        this(table, Clock.systemUTC());
    }

    @Inject
    public EventReader(Table table, Clock clock) {
        this.dynamo = table.client();
        this.table = table.name();
        this.items = new EventItems(table);
        this.grids = new PlanGrids(table);
        this.clock = clock;
    }

    /**
     * Stores a new event as it is (an ON_SALE one with its seats already written); a second event with the same id is
     * refused ({@code ConditionalCheckFailedException}).
     */
    public void put(Event event) {
        dynamo.putItem(items.create(event));
    }

    /**
     * The event, or 404. An ON_SALE event is served from this instance's copy as {@link #CACHE_FOR} says. One still
     * being created is read again (strongly consistent) every time, so it is seen ON_SALE as soon as it is.
     */
    public Event get(String eventId) {
        requireServerMade(eventId);
        Instant now = clock.instant();
        Cached known = cache.get(eventId);
        if (known != null && now.isBefore(known.readAt().plus(CACHE_FOR))) {
            return known.event();
        }
        if (known != null && now.isBefore(known.readAt().plus(CACHE_FOR.multipliedBy(2)))) {
            refreshInBackground(eventId);
            return known.event();
        }
        return read(eventId);
    }

    private Event read(String eventId) {
        Instant readAt = clock.instant();
        Event event = current(eventId).orElseThrow(() -> notFound(eventId));
        if (event.status() == EventStatus.ON_SALE) {
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(eventId, new Cached(event, readAt));
        } else {
            // cancelled (or not yet on sale): never served from a copy
            cache.remove(eventId);
        }
        return event;
    }

    private void refreshInBackground(String eventId) {
        if (refreshing.putIfAbsent(eventId, Boolean.TRUE) != null) {
            return;
        }
        CompletableFuture.runAsync(() -> {
            try {
                read(eventId);
            } catch (RuntimeException e) {
                // the copy ages past twice CACHE_FOR, and the next get reads (and reports) it itself
                cache.remove(eventId);
            } finally {
                refreshing.remove(eventId);
            }
        });
    }

    /** This instance just changed the event: the next {@link #get} reads it again. */
    public void forget(String eventId) {
        cache.remove(eventId);
    }

    /** The cancellation the event's item records (strongly consistent), empty when it does not exist or is not cancelled. */
    public Optional<EventItems.CancelledEvent> cancellation(String eventId) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(table).key(EventItems.key(eventId)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? EventItems.cancelledOf(response.item()) : Optional.empty();
    }

    /** How many seats of a CREATING event its writer reported written (strongly consistent); 0 before any. */
    public int seatsWritten(String eventId) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(table).key(EventItems.key(eventId)).consistentRead(true));
        return response.hasItem() ? EventItems.seatsWrittenOf(response.item()) : 0;
    }

    /** The event as stored now (strongly consistent, never cached), if it exists. */
    public Optional<Event> current(String eventId) {
        return versioned(eventId).map(Versioned::event);
    }

    /** The event as stored now with its change counter (strongly consistent, never cached), or 404. */
    public Versioned versionedOrNotFound(String eventId) {
        requireServerMade(eventId);
        return versioned(eventId).orElseThrow(() -> notFound(eventId));
    }

    /**
     * The events as stored now (strongly consistent, never cached), in the order of {@code eventIds} (at most 100),
     * leaving out ids with no event: one BatchGetItem. A list's events, so without their plans' grids.
     */
    public List<Event> current(List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return List.of();
        }
        Map<String, Event> found = new HashMap<>();
        dynamo.batchGetItemPaginator(b -> b.requestItems(Map.of(table, KeysAndAttributes.builder()
                        .keys(eventIds.stream().distinct().map(EventItems::key).toList()).consistentRead(true).build())))
                .stream()
                .flatMap(response -> response.responses().getOrDefault(table, List.of()).stream())
                .map(EventItems::fromItem)
                .forEach(event -> found.put(event.id(), event));
        return eventIds.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
    }

    private Optional<Versioned> versioned(String eventId) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(table).key(EventItems.key(eventId)).consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Versioned(grids.attach(EventItems.fromItem(response.item())),
                EventItems.versionOf(response.item())));
    }

    private static void requireServerMade(String eventId) {
        if (!Ids.isServerMade(eventId)) {
            throw new NotFoundException("Event " + Ids.quoted(eventId) + " does not exist");
        }
    }

    private static NotFoundException notFound(String eventId) {
        return new NotFoundException("Event " + eventId + " does not exist");
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
