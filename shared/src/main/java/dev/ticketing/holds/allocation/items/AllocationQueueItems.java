package dev.ticketing.holds.allocation.items;

import static dev.ticketing.store.Attr.n;
import static dev.ticketing.store.Attr.num;
import static dev.ticketing.store.Attr.s;
import static dev.ticketing.store.Attr.str;

import dev.ticketing.holds.model.SeatPreference;
import dev.ticketing.idempotency.IdempotencyKeys;
import dev.ticketing.store.Keys;
import dev.ticketing.store.Table;
import dev.ticketing.store.Ttl;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * How a queued best-available request is stored, and every write to it: {@code ALLOCATOR#<eventId>#QUEUE#<shard>} /
 * {@code QUEUE#<arrival, epoch millis, 13 digits>#<requestId>}, so one consistent query per shard reads an event's
 * queue in arrival order (the shards' answers merged by sort key). The {@link #SHARDS} shards spread an on-sale's
 * queue writes (a put and a transactional delete per request, 3 WCU) over as many partition keys: one partition takes
 * 1,000 WCU a second, so one key would cap an event at ~330 requests a second, with sort keys growing by arrival
 * that DynamoDB cannot split. A request's shard comes from its position, so whoever knows the request finds it.
 * An entry lives only while it waits: the allocator deletes it in the very transaction that holds its
 * seats (or that records its refusal), the requester deletes it when it gives up, whichever comes first; the other
 * then finds it gone. TTL tidies entries of requesters that vanished.
 * Stateless: built by each use case from the {@link Table} it writes to, not a bean.
 */
public class AllocationQueueItems {
    private static final String PREFIX = "QUEUE#";
    private static final String REQUEST_ID = "request_id";
    private static final String USER_ID = "user_id";
    private static final String QUANTITY = "quantity";
    private static final String TOGETHER = "together";
    /** What the request asks of its seats (absent: nothing): {@code SeatPreference}. */
    private static final String CATEGORY = "category";
    private static final String MAX_PRICE = "max_price";
    private static final String ACCESSIBLE = "accessible";
    private static final String CREATED_AT = "created_at";
    private static final String SLOT = "slot";
    private static final String KEY_SCOPE = "key_scope";
    private static final String KEY_VALUE = "key_value";
    private static final String KEY_FINGERPRINT = "key_fingerprint";

    /** Partition keys an event's queue is spread over. */
    public static final int SHARDS = 8;

    private final Table table;

    public AllocationQueueItems(Table table) {
        this.table = table;
    }

    /** The queue position of a request made at {@code arrival}: sorts by arrival, then by id. */
    public static String position(Instant arrival, String requestId) {
        return String.format("%s%013d#%s", PREFIX, arrival.toEpochMilli(), requestId);
    }

    private static Map<String, AttributeValue> key(String eventId, String position) {
        return Map.of(Keys.PK, s(partition(eventId, Math.floorMod(position.hashCode(), SHARDS))), Keys.SK, s(position));
    }

    private static String partition(String eventId, int shard) {
        return Keys.of("ALLOCATOR", eventId, "QUEUE", Integer.toString(shard));
    }

    /** Enqueue: the request joins its event's queue; kept by TTL for an hour at most. */
    public TransactWriteItem enqueue(AllocationRequest request) {
        Map<String, AttributeValue> item = new HashMap<>(key(request.eventId(), request.position()));
        item.put(REQUEST_ID, s(request.id()));
        item.put(USER_ID, s(request.userId()));
        item.put(QUANTITY, n(request.quantity()));
        item.put(TOGETHER, AttributeValue.fromBool(request.together()));
        SeatPreference preference = request.preference();
        if (preference.category() != null) {
            item.put(CATEGORY, s(preference.category()));
        }
        if (preference.maxPrice() != null) {
            item.put(MAX_PRICE, s(preference.maxPrice().toPlainString()));
        }
        if (preference.accessible()) {
            item.put(ACCESSIBLE, AttributeValue.fromBool(true));
        }
        item.put(CREATED_AT, n(request.createdAt().toEpochMilli()));
        item.put(Keys.TTL, n(Ttl.atOrAfter(request.createdAt().plus(Duration.ofHours(1)))));
        request.slot().ifPresent(slot -> item.put(SLOT, n(slot)));
        request.key().ifPresent(k -> {
            item.put(KEY_SCOPE, s(k.scope()));
            item.put(KEY_VALUE, s(k.value()));
            item.put(KEY_FINGERPRINT, s(k.fingerprint()));
        });
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /** Dequeue: the request leaves the queue, if it is still in it (neither answered nor withdrawn). */
    public TransactWriteItem dequeue(AllocationRequest request) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table.name())
                .key(key(request.eventId(), request.position()))
                .conditionExpression("attribute_exists(pk)")
                .build()).build();
    }

    /** The strongly consistent read of one queued request (absent once answered or withdrawn). */
    public GetItemRequest read(String eventId, String position) {
        return GetItemRequest.builder().tableName(table.name()).key(key(eventId, position)).consistentRead(true).build();
    }

    /**
     * The first {@code limit} waiting requests of the event, in arrival order: one strongly consistent query per shard
     * (in parallel on {@code pool}), merged.
     */
    public List<AllocationRequest> waiting(String eventId, int limit, Executor pool) {
        List<CompletableFuture<List<Map<String, AttributeValue>>>> shards = IntStream.range(0, SHARDS)
                .mapToObj(shard -> CompletableFuture.supplyAsync(
                        () -> table.client().query(waitingQuery(eventId, shard, limit)).items(), pool))
                .toList();
        return shards.stream().flatMap(shard -> shard.join().stream())
                .map(item -> requestOf(eventId, item))
                .sorted(Comparator.comparing(AllocationRequest::position))
                .limit(limit)
                .toList();
    }

    private QueryRequest waitingQuery(String eventId, int shard, int limit) {
        return QueryRequest.builder().tableName(table.name())
                .keyConditionExpression("pk = :pk AND begins_with(sk, :queue)")
                .expressionAttributeValues(Map.of(":pk", s(partition(eventId, shard)), ":queue", s(PREFIX)))
                .consistentRead(true)
                .scanIndexForward(true)
                .limit(limit)
                .build();
    }

    public static AllocationRequest requestOf(String eventId, Map<String, AttributeValue> item) {
        String userId = str(item, USER_ID);
        Optional<IdempotencyKeys.Key> key = item.containsKey(KEY_VALUE)
                ? Optional.of(new IdempotencyKeys.Key(str(item, KEY_SCOPE), userId, str(item, KEY_VALUE),
                        str(item, KEY_FINGERPRINT)))
                : Optional.empty();
        return new AllocationRequest(str(item, REQUEST_ID), eventId, userId, (int) num(item, QUANTITY),
                Boolean.TRUE.equals(item.get(TOGETHER).bool()), Instant.ofEpochMilli(num(item, CREATED_AT)),
                item.containsKey(SLOT) ? Optional.of((int) num(item, SLOT)) : Optional.empty(), key,
                str(item, Keys.SK), new SeatPreference(str(item, CATEGORY),
                        item.containsKey(MAX_PRICE) ? new java.math.BigDecimal(str(item, MAX_PRICE)) : null,
                        item.containsKey(ACCESSIBLE) && Boolean.TRUE.equals(item.get(ACCESSIBLE).bool())));
    }
}
