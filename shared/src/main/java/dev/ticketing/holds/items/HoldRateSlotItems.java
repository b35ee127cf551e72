package dev.ticketing.holds.items;

import static dev.ticketing.store.Attr.n;
import static dev.ticketing.store.Attr.s;

import dev.ticketing.holds.model.Hold;
import dev.ticketing.store.Attr;
import dev.ticketing.store.Keys;
import dev.ticketing.store.Table;
import dev.ticketing.store.Ttl;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * How a user's hold-rate slots for an event are stored, and the one write to them:
 * {@code USER#<userId>#EVENT#<eventId>#RATE} / {@code SLOT#<n>} -> when a hold last used it ({@code used_at}, epoch
 * millis) and which ({@code hold_id}); TTL tidies a slot once its window has passed. A hold claims a slot only if
 * that slot was last used a whole window ago or never, so with N slots no window of that length ever holds more
 * than N holds: a rolling limit, not a clock-hour count that resets on the hour.
 * Stateless: built by each use case from the {@link Table} it writes to, not a bean.
 */
public class HoldRateSlotItems {
    private static final String PREFIX = "SLOT#";
    private static final String USED_AT = "used_at";
    private static final String HOLD_ID = "hold_id";

    private final Table table;

    public HoldRateSlotItems(Table table) {
        this.table = table;
    }

    public static String partition(String userId, String eventId) {
        return Keys.user(userId) + "#" + Keys.event(eventId) + "#RATE";
    }

    static Map<String, AttributeValue> key(String userId, String eventId, int slot) {
        return Map.of(Keys.PK, s(partition(userId, eventId)), Keys.SK, s(PREFIX + slot));
    }

    /** Claim: the slot is used by the hold at {@code now}, if it was never used or last used {@code window} ago. */
    public TransactWriteItem claim(Hold hold, int slot, Instant now, Duration window) {
        Map<String, AttributeValue> item = new HashMap<>(key(hold.userId(), hold.eventId(), slot));
        item.put(USED_AT, n(now.toEpochMilli()));
        item.put(HOLD_ID, s(hold.id()));
        item.put(Keys.TTL, n(Ttl.atOrAfter(now.plus(window))));
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
                .conditionExpression("attribute_not_exists(pk) OR " + USED_AT + " <= :since")
                .expressionAttributeValues(Map.of(":since", n(now.minus(window).toEpochMilli())))
                .build()).build();
    }

    /** The strongly consistent query of the user's rate slots for the event. */
    public QueryRequest slotsQuery(String userId, String eventId) {
        return QueryRequest.builder().tableName(table.name())
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(partition(userId, eventId))))
                .consistentRead(true)
                .build();
    }

    public static int slotNumberOf(Map<String, AttributeValue> item) {
        return Integer.parseInt(Attr.str(item, Keys.SK).substring(PREFIX.length()));
    }

    public static Instant usedAt(Map<String, AttributeValue> item) {
        return Instant.ofEpochMilli(Attr.num(item, USED_AT));
    }
}
