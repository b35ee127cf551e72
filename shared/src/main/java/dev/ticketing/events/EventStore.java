package dev.ticketing.events;

import dev.ticketing.config.TicketingConfig;
import dev.ticketing.problems.NotFoundException;
import dev.ticketing.store.Attr;
import dev.ticketing.store.Keys;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

@Singleton
public class EventStore {
    private final DynamoDbClient dynamo;
    private static final int CACHE_LIMIT = 10_000;

    private final String table;
    private final Map<String, Event> cache = new ConcurrentHashMap<>();

    public EventStore(DynamoDbClient dynamo, TicketingConfig config) {
        this.dynamo = dynamo;
        this.table = config.tableName();
    }

    public void put(Event event) {
        dynamo.putItem(b -> b.tableName(table).item(EventItems.toItem(event))
                .conditionExpression("attribute_not_exists(pk)"));
    }

    /**
     * The event, or 404. Events never change once created, so a found event is kept for the life of the
     * container and an eventually consistent read is enough; every hold and seat-map read needs it.
     */
    public Event get(String eventId) {
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

    /** All events, soonest first. */
    public List<Event> list() {
        return dynamo.queryPaginator(b -> b.tableName(table).indexName(Keys.GSI1)
                        .keyConditionExpression("gsi1pk = :all")
                        .expressionAttributeValues(Map.of(":all", Attr.s(EventItems.ALL_EVENTS))))
                .items().stream()
                .map(EventItems::fromItem)
                .toList();
    }

}
