package dev.ticketing.holds;

import static dev.ticketing.store.Attr.n;
import static dev.ticketing.store.Attr.s;

import dev.ticketing.config.TicketingConfig;
import dev.ticketing.problems.ConflictException;
import dev.ticketing.store.Attr;
import dev.ticketing.store.Keys;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;

/**
 * At most {@code MAX_ACTIVE_HOLDS_PER_USER} open purchase sessions per user and event, against hoarding. Each
 * session occupies a slot item {@code USER#<userId>#EVENT#<eventId>} / {@code ACTIVE_HOLD#<slot>} written in the
 * hold's own transaction under the condition that the slot is free or its hold's time is up, so the limit holds
 * under any concurrency. Ending a hold frees its slot; an expired hold's slot is free anyway.
 */
@Singleton
public class ActiveHoldGuard {
    static final String SLOT_PREFIX = "ACTIVE_HOLD#";

    /** The slot a new hold will claim. */
    public record Slot(int number) {
    }

    private final DynamoDbClient dynamo;
    private final TicketingConfig config;

    public ActiveHoldGuard(DynamoDbClient dynamo, TicketingConfig config) {
        this.dynamo = dynamo;
        this.config = config;
    }

    public boolean enabled() {
        return config.maxActiveHoldsPerUser() > 0;
    }

    public static String partition(String userId, String eventId) {
        return Keys.user(userId) + "#EVENT#" + eventId;
    }

    static Map<String, AttributeValue> key(String userId, String eventId, int slot) {
        return Map.of(Keys.PK, s(partition(userId, eventId)), Keys.SK, s(SLOT_PREFIX + slot));
    }

    /** The slot a new hold of the user for the event will claim; empty when there is no limit. */
    public Optional<Slot> slotFor(String userId, String eventId, Instant now) {
        return enabled() ? Optional.of(freeSlot(userId, eventId, now)) : Optional.empty();
    }

    /**
     * A slot that looks free now, or a 409 naming the user's open holds. The transaction that claims it re-checks,
     * so two concurrent requests cannot both get the last slot.
     */
    public Slot freeSlot(String userId, String eventId, Instant now) {
        Map<Integer, Map<String, AttributeValue>> taken = new HashMap<>();
        dynamo.queryPaginator(b -> b.tableName(config.tableName())
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(partition(userId, eventId))))
                        .consistentRead(true))
                .items().forEach(item -> {
                    if (Attr.num(item, "expires_at") > now.toEpochMilli()) {
                        taken.put(Integer.parseInt(Attr.str(item, Keys.SK).substring(SLOT_PREFIX.length())), item);
                    }
                });
        for (int slot = 0; slot < config.maxActiveHoldsPerUser(); slot++) {
            if (!taken.containsKey(slot)) {
                return new Slot(slot);
            }
        }
        List<String> open = new ArrayList<>();
        taken.values().forEach(item -> open.add(Attr.str(item, "hold_id")));
        throw limitReached(open);
    }

    static ConflictException limitReached(List<String> openHolds) {
        return new ConflictException("active-hold-limit", "Too many open holds",
                "You already hold seats for this event; pay for or release that hold before holding more",
                Map.of("activeHoldIds", List.copyOf(openHolds)));
    }

    /** The write that claims the slot for the hold; fails when another open hold has it. */
    Put claim(Hold hold, Slot slot, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(hold.userId(), hold.eventId(), slot.number()));
        item.put("hold_id", s(hold.id()));
        item.put("expires_at", n(hold.expiresAt().toEpochMilli()));
        item.put(Keys.TTL, n(hold.expiresAt().getEpochSecond() + 1));
        return Put.builder().tableName(config.tableName()).item(item)
                .conditionExpression("attribute_not_exists(pk) OR expires_at <= :now")
                .expressionAttributeValues(Map.of(":now", n(now.toEpochMilli())))
                .build();
    }

    /** The write that frees the slot of {@code hold}, if the hold still has one. */
    public Optional<Delete> release(Hold hold) {
        if (!enabled()) {
            return Optional.empty();
        }
        return dynamo.queryPaginator(b -> b.tableName(config.tableName())
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(partition(hold.userId(), hold.eventId()))))
                        .consistentRead(true))
                .items().stream()
                .filter(item -> hold.id().equals(Attr.str(item, "hold_id")))
                .findFirst()
                .map(item -> Delete.builder().tableName(config.tableName())
                        .key(Map.of(Keys.PK, item.get(Keys.PK), Keys.SK, item.get(Keys.SK)))
                        .conditionExpression("hold_id = :hold")
                        .expressionAttributeValues(Map.of(":hold", s(hold.id())))
                        .build());
    }
}
