package dev.ticketing.holds;

import dev.ticketing.config.TicketingConfig;
import dev.ticketing.problems.ConflictException;
import dev.ticketing.store.Table;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * At most {@code MAX_ACTIVE_HOLDS_PER_USER} open purchase sessions per user and event, against hoarding. Each
 * session occupies a slot ({@link ActiveHoldSlotItems}) claimed in the hold's own transaction under the condition
 * that the slot is free or its hold's time is up, so the limit holds under any concurrency. Ending a hold frees
 * its slot; an expired hold's slot is free anyway.
 */
@Singleton
public class ActiveHoldGuard {
    /** The slot a new hold will claim. */
    public record Slot(int number) {
    }

    private final DynamoDbClient dynamo;
    private final TicketingConfig config;
    private final ActiveHoldSlotItems slots;

    public ActiveHoldGuard(Table table, TicketingConfig config, ActiveHoldSlotItems slots) {
        this.dynamo = table.client();
        this.config = config;
        this.slots = slots;
    }

    public boolean enabled() {
        return config.maxActiveHoldsPerUser() > 0;
    }

    /**
     * The slot a new hold tries first, without reading anything: slot 0, free for a user's first hold (the common
     * case). When the hold's transaction finds it taken, {@link SeatHolder} asks {@link #freeSlot} which slot is
     * free and tries that one. Empty when there is no limit.
     */
    public Optional<Slot> firstSlot() {
        return enabled() ? Optional.of(new Slot(0)) : Optional.empty();
    }

    /** A slot of the user for the event that is free now, by query; empty when there is no limit. */
    public Optional<Slot> slotFor(String userId, String eventId, Instant now) {
        return enabled() ? Optional.of(freeSlot(userId, eventId, now)) : Optional.empty();
    }

    /**
     * A slot that looks free now (one strongly consistent query of the user's slots), or a 409 naming the user's
     * open holds. The transaction that claims it re-checks, so two concurrent requests cannot both get the last slot.
     */
    public Slot freeSlot(String userId, String eventId, Instant now) {
        Map<Integer, Map<String, AttributeValue>> taken = new HashMap<>();
        dynamo.queryPaginator(slots.slotsQuery(userId, eventId)).items().forEach(item -> {
            if (ActiveHoldSlotItems.takenAt(item, now)) {
                taken.put(ActiveHoldSlotItems.slotNumberOf(item), item);
            }
        });
        for (int slot = 0; slot < config.maxActiveHoldsPerUser(); slot++) {
            if (!taken.containsKey(slot)) {
                return new Slot(slot);
            }
        }
        List<String> open = new ArrayList<>();
        taken.values().forEach(item -> open.add(ActiveHoldSlotItems.holdIdOf(item)));
        throw limitReached(open);
    }

    static ConflictException limitReached(List<String> openHolds) {
        return new ConflictException("active-hold-limit", "Too many open holds",
                "You already hold seats for this event; pay for or release that hold before holding more",
                Map.of("activeHoldIds", List.copyOf(openHolds)));
    }

    /** The write that claims the slot for the hold; fails when another open hold has it. */
    TransactWriteItem claim(Hold hold, Slot slot, Instant now) {
        return slots.claim(hold, slot.number(), now);
    }

    /** The write that keeps the slot of {@code hold} taken until {@code until}, if the hold still has one. */
    public Optional<TransactWriteItem> renew(Hold hold, Instant until) {
        return slotOf(hold).map(item -> slots.renew(item, hold.id(), until));
    }

    /** The write that frees the slot of {@code hold}, if the hold still has one. */
    public Optional<TransactWriteItem> release(Hold hold) {
        if (!enabled()) {
            return Optional.empty();
        }
        return slotOf(hold).map(item -> slots.free(item, hold.id()));
    }

    private Optional<Map<String, AttributeValue>> slotOf(Hold hold) {
        if (!enabled()) {
            return Optional.empty();
        }
        return dynamo.queryPaginator(slots.slotsQuery(hold.userId(), hold.eventId())).items().stream()
                .filter(item -> hold.id().equals(ActiveHoldSlotItems.holdIdOf(item)))
                .findFirst();
    }
}
