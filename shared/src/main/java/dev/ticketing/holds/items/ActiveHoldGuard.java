package dev.ticketing.holds.items;

import dev.ticketing.config.TicketingConfig;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.StoredHold;
import dev.ticketing.holds.transaction.SeatHolder;
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
 * that the slot is free or its hold's time is up, so the limit holds under any concurrency. The hold item names the
 * slot it claimed, so ending a hold frees its slot (and renewing it renews the slot) by the slot's key, without a
 * read; an expired hold's slot is free anyway.
 */
@Singleton
public class ActiveHoldGuard {
    /** The slot a new hold will claim. */
    public record Slot(int number) {
    }

    private final DynamoDbClient dynamo;
    private final TicketingConfig config;
    private final ActiveHoldSlotItems slots;

    public ActiveHoldGuard(Table table, TicketingConfig config) {
        this.dynamo = table.client();
        this.config = config;
        this.slots = new ActiveHoldSlotItems(table);
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

    public static ConflictException limitReached(List<String> openHolds) {
        return new ConflictException("active-hold-limit", "Too many open holds",
                "You already hold seats for this event; pay for or release that hold before holding more",
                Map.of("activeHoldIds", List.copyOf(openHolds)));
    }

    /**
     * The write that claims the slot for the hold; fails when another open hold has it. The hold item names the slot
     * ({@link HoldItems#create(Hold, java.util.Optional)}), so it can be freed by its key.
     */
    public TransactWriteItem claim(Hold hold, Slot slot, Instant now) {
        return slots.claim(hold, slot.number(), now);
    }

    /**
     * The write that keeps the slot of the hold taken until {@code until}, if the hold still has one (see
     * {@link SlotLookup} for how it is found); empty when there is no limit.
     */
    public Optional<TransactWriteItem> renew(StoredHold stored, Instant until, SlotLookup lookup) {
        Hold hold = stored.hold();
        return slotOf(stored, lookup).map(slot -> slots.renew(hold.userId(), hold.eventId(), slot, hold.id(), until));
    }

    /**
     * The write that frees the slot of the hold, if the hold still has one (see {@link SlotLookup} for how it is
     * found); empty when there is no limit.
     */
    public Optional<TransactWriteItem> release(StoredHold stored, SlotLookup lookup) {
        Hold hold = stored.hold();
        return slotOf(stored, lookup).map(slot -> slots.free(hold.userId(), hold.eventId(), slot, hold.id()));
    }

    private Optional<Integer> slotOf(StoredHold stored, SlotLookup lookup) {
        if (!enabled()) {
            return Optional.empty();
        }
        if (lookup == SlotLookup.STORED && stored.activeHoldSlot().isPresent()) {
            return stored.activeHoldSlot();
        }
        // A hold stored before hold items named their slot (no active_hold_slot: it keeps working this way), or a
        // retry after the named slot turned out not to be the hold's any more: the slot the user has for this hold.
        Hold hold = stored.hold();
        return dynamo.queryPaginator(slots.slotsQuery(hold.userId(), hold.eventId())).items().stream()
                .filter(item -> hold.id().equals(ActiveHoldSlotItems.holdIdOf(item)))
                .map(ActiveHoldSlotItems::slotNumberOf)
                .findFirst();
    }

    /**
     * How the writes that free or renew a hold's slot find it. The hold item names the slot it claimed, so ending or
     * renewing a hold reads nothing more. That slot is no longer the hold's only once the hold's time was up and
     * another hold of the user claimed it (then the write's condition cancels the transaction), so a retry asks the
     * user's slots instead.
     */
    public enum SlotLookup {
        /** By the number the hold's item names, without a read; by query for a hold whose item names none. */
        STORED,
        /** By a strongly consistent query of the user's slots for the event (1 RCU). */
        QUERY;

        /** {@link #STORED} on an operation's first attempt ({@code 1}), {@link #QUERY} on its retries. */
        public static SlotLookup forAttempt(int attempt) {
            return attempt == 1 ? STORED : QUERY;
        }
    }
}
