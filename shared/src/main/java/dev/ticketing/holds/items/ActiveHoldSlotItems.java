package dev.ticketing.holds.items;

import static dev.ticketing.store.Attr.n;
import static dev.ticketing.store.Attr.s;

import dev.ticketing.holds.model.Hold;
import dev.ticketing.store.Attr;
import dev.ticketing.store.Keys;
import dev.ticketing.store.Table;
import dev.ticketing.store.Ttl;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * How an active-hold slot is stored, and every write to it. A user's slots for one event:
 * {@code USER#<userId>#EVENT#<eventId>} / {@code ACTIVE_HOLD#<n>}; a user's slots across all events
 * ({@link #acrossEvents}): {@code USER#<userId>#OPEN_HOLDS} / {@code ACTIVE_HOLD#<n>}. Each names the hold that has it
 * and until when ({@code expires_at}, epoch millis; TTL tidies slots of holds long gone). A slot is free when absent
 * or when its hold's time is up, so an expired hold stops counting the moment its time is up, without a sweep.
 * Stateless: built by each use case from the {@link Table} it writes to, not a bean.
 */
public class ActiveHoldSlotItems {
    private static final String PREFIX = "ACTIVE_HOLD#";
    private static final String HOLD_ID = "hold_id";
    private static final String EXPIRES_AT = "expires_at";

    private final Table table;
    private final boolean perEvent;

    /** The slots of a user for one event. */
    public ActiveHoldSlotItems(Table table) {
        this(table, true);
    }

    private ActiveHoldSlotItems(Table table, boolean perEvent) {
        this.table = table;
        this.perEvent = perEvent;
    }

    /** The slots of a user across all events: one open hold of any event takes one. */
    public static ActiveHoldSlotItems acrossEvents(Table table) {
        return new ActiveHoldSlotItems(table, false);
    }

    /** The user's partition of these slots ({@code eventId} is not part of it across events). */
    String partitionOf(String userId, String eventId) {
        return perEvent ? partition(userId, eventId) : Keys.user(userId) + "#OPEN_HOLDS";
    }

    private Map<String, AttributeValue> keyOf(String userId, String eventId, int slot) {
        return Map.of(Keys.PK, s(partitionOf(userId, eventId)), Keys.SK, s(PREFIX + slot));
    }

    public static String partition(String userId, String eventId) {
        return Keys.user(userId) + "#" + Keys.event(eventId);
    }

    public static Map<String, AttributeValue> key(String userId, String eventId, int slot) {
        return Map.of(Keys.PK, s(partition(userId, eventId)), Keys.SK, s(PREFIX + slot));
    }

    /** Claim: the slot is the hold's until it expires, if the slot is free at {@code now}. */
    public TransactWriteItem claim(Hold hold, int slot, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(keyOf(hold.userId(), hold.eventId(), slot));
        item.put(HOLD_ID, s(hold.id()));
        item.put(EXPIRES_AT, n(hold.expiresAt().toEpochMilli()));
        item.put(Keys.TTL, n(Ttl.atOrAfter(hold.expiresAt())));
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
                .conditionExpression("attribute_not_exists(pk) OR " + EXPIRES_AT + " <= :now")
                .expressionAttributeValues(Map.of(":now", n(now.toEpochMilli())))
                .build()).build();
    }

    /**
     * Free: deletes the user's slot {@code slot} for the event if it is still this hold's. An absent slot counts as
     * freed (TTL deletes the slot of a hold long out of time, often before cleanup ends the hold), so ending such a
     * hold is not cancelled for it; a slot another hold has claimed since is left alone and cancels the write.
     */
    public TransactWriteItem free(String userId, String eventId, int slot, String holdId) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table.name())
                .key(keyOf(userId, eventId, slot))
                .conditionExpression("attribute_not_exists(pk) OR " + HOLD_ID + " = :hold")
                .expressionAttributeValues(Map.of(":hold", s(holdId)))
                .build()).build();
    }

    /**
     * Renew: the user's slot {@code slot} for the event stays the hold's until {@code until}, if it still is the
     * hold's (an absent slot is not written again: the condition cancels the write).
     */
    public TransactWriteItem renew(String userId, String eventId, int slot, String holdId, Instant until) {
        return TransactWriteItem.builder().update(Update.builder()
                .tableName(table.name())
                .key(keyOf(userId, eventId, slot))
                .updateExpression("SET " + EXPIRES_AT + " = :until, #ttl = :ttl")
                .conditionExpression(HOLD_ID + " = :hold")
                .expressionAttributeNames(Map.of("#ttl", Keys.TTL))
                .expressionAttributeValues(Map.of(":hold", s(holdId), ":until", n(until.toEpochMilli()),
                        ":ttl", n(Ttl.atOrAfter(until))))
                .build()).build();
    }

    /** The strongly consistent query of the user's slots for the event. */
    public QueryRequest slotsQuery(String userId, String eventId) {
        return QueryRequest.builder().tableName(table.name())
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(partitionOf(userId, eventId))))
                .consistentRead(true)
                .build();
    }

    public static int slotNumberOf(Map<String, AttributeValue> item) {
        return Integer.parseInt(Attr.str(item, Keys.SK).substring(PREFIX.length()));
    }

    public static String holdIdOf(Map<String, AttributeValue> item) {
        return Attr.str(item, HOLD_ID);
    }

    /** Whether the slot's hold still has time at {@code now}, so the slot is taken. */
    public static boolean takenAt(Map<String, AttributeValue> item, Instant now) {
        return Attr.num(item, EXPIRES_AT) > now.toEpochMilli();
    }
}
