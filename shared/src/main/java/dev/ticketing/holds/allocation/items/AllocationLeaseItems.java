package dev.ticketing.holds.allocation.items;

import static dev.ticketing.store.Attr.n;
import static dev.ticketing.store.Attr.s;

import dev.ticketing.store.Attr;
import dev.ticketing.store.Keys;
import dev.ticketing.store.Table;
import dev.ticketing.store.Ttl;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * How the lease of an event's best-available allocator is stored, and every write to it:
 * {@code ALLOCATOR#<eventId>} / {@code LEASE} -> {@code owner}, {@code until} (epoch millis). Whoever holds an
 * unexpired lease places the event's queued requests; the lease only keeps the crowd from colliding on the same
 * seats (every hold is still a conditional transaction on every seat), so two owners at once after an expiry are
 * slower, never wrong.
 * Stateless: built by each use case from the {@link Table} it writes to, not a bean.
 */
public class AllocationLeaseItems {
    private static final String OWNER = "owner";
    private static final String UNTIL = "until";

    private final Table table;

    public AllocationLeaseItems(Table table) {
        this.table = table;
    }

    public static String partition(String eventId) {
        return Keys.of("ALLOCATOR", eventId);
    }

    private static Map<String, AttributeValue> key(String eventId) {
        return Map.of(Keys.PK, s(partition(eventId)), Keys.SK, s(Keys.LEASE));
    }

    /** Take: the lease is {@code owner}'s until {@code now + length}, if it is free, expired or already theirs. */
    public TransactWriteItem take(String eventId, String owner, Instant now, Duration length) {
        return hold(eventId, owner, now.plus(length), "attribute_not_exists(pk) OR #until <= :now OR #owner = :owner",
                Map.of(":now", n(now.toEpochMilli())));
    }

    /**
     * Renew: the lease stays {@code owner}'s until {@code now + length}, only if it is still theirs. A renewal that
     * arrives after its owner gave the lease up (or lost it) changes nothing, so it never brings a lease back.
     */
    public TransactWriteItem renew(String eventId, String owner, Instant now, Duration length) {
        return hold(eventId, owner, now.plus(length), "#owner = :owner", Map.of());
    }

    /** The lease as {@code owner}'s until {@code until} (kept an hour past it by TTL), under {@code condition}. */
    private TransactWriteItem hold(String eventId, String owner, Instant until, String condition,
                                   Map<String, AttributeValue> conditionValues) {
        Map<String, AttributeValue> values = new java.util.HashMap<>(conditionValues);
        values.put(":owner", s(owner));
        values.put(":until", n(until.toEpochMilli()));
        values.put(":ttl", n(Ttl.atOrAfter(until.plus(Duration.ofHours(1)))));
        return TransactWriteItem.builder().update(Update.builder().tableName(table.name()).key(key(eventId))
                .updateExpression("SET #owner = :owner, #until = :until, #ttl = :ttl")
                .conditionExpression(condition)
                .expressionAttributeNames(Map.of("#owner", OWNER, "#until", UNTIL, "#ttl", Keys.TTL))
                .expressionAttributeValues(values)
                .build()).build();
    }

    /**
     * The strongly consistent read of the lease (one read unit): whether an allocator runs for the event now. A
     * request that finds it taken leaves itself to that allocator, which looks at the queue again after giving the
     * lease up; an eventually consistent read could show a lease already given up as taken, and strand the request.
     */
    public GetItemRequest read(String eventId) {
        return GetItemRequest.builder().tableName(table.name()).key(key(eventId)).consistentRead(true).build();
    }

    /** Whether the lease as read in {@code item} is someone's at {@code now} (absent or run out: free). */
    public static boolean takenAt(Map<String, AttributeValue> item, Instant now) {
        return heldUntil(item).filter(now::isBefore).isPresent();
    }

    /** Until when the lease as read in {@code item} is its owner's (unless renewed or given up); empty when absent. */
    public static java.util.Optional<Instant> heldUntil(Map<String, AttributeValue> item) {
        return item != null && item.containsKey(UNTIL)
                ? java.util.Optional.of(Instant.ofEpochMilli(Attr.num(item, UNTIL))) : java.util.Optional.empty();
    }

    /** Give up: deletes the lease if it is still {@code owner}'s. */
    public TransactWriteItem release(String eventId, String owner) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table.name()).key(key(eventId))
                .conditionExpression("#owner = :owner")
                .expressionAttributeNames(Map.of("#owner", OWNER))
                .expressionAttributeValues(Map.of(":owner", s(owner)))
                .build()).build();
    }
}
