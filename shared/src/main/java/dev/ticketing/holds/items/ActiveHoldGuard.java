package dev.ticketing.holds.items;

import dev.ticketing.config.FairnessConfig;
import dev.ticketing.config.TicketingConfig;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.holds.model.StoredHold;
import dev.ticketing.holds.transaction.SeatHolder;
import dev.ticketing.problems.ConflictException;
import dev.ticketing.store.Table;
import dev.ticketing.store.Transaction;
import dev.ticketing.store.Transaction.Role;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * At most {@code MAX_ACTIVE_HOLDS_PER_USER} open purchase sessions per user and event, and at most
 * {@code MAX_OPEN_HOLDS_PER_USER} per user across all events, against hoarding. Each session occupies a slot of each
 * kind ({@link ActiveHoldSlotItems}, per event and {@link ActiveHoldSlotItems#acrossEvents}) claimed in the hold's
 * own transaction under the condition that the slot is free or its hold's time is up, so the limits hold under any
 * concurrency. The hold item names the slots it claimed, so ending a hold frees its slots (and renewing it renews
 * them) by their keys, without a read; an expired hold's slots are free anyway, without a sweep.
 */
@Singleton
public class ActiveHoldGuard {
    /** The slot a new hold will claim. */
    public record Slot(int number) {
    }

    private final DynamoDbClient dynamo;
    private final TicketingConfig config;
    private final FairnessConfig fairness;
    private final ActiveHoldSlotItems slots;
    private final ActiveHoldSlotItems accountSlots;

    public ActiveHoldGuard(Table table, TicketingConfig config, FairnessConfig fairness) {
        this.dynamo = table.client();
        this.config = config;
        this.fairness = fairness;
        this.slots = new ActiveHoldSlotItems(table);
        this.accountSlots = ActiveHoldSlotItems.acrossEvents(table);
    }

    public boolean enabled() {
        return config.maxActiveHoldsPerUser() > 0;
    }

    /**
     * The slot across events a new hold tries first, without reading anything: slot 0, free while the user holds
     * nothing anywhere (the common case); empty when there is no limit across events.
     */
    public Optional<Slot> firstAccountSlot() {
        return fairness.openHoldsLimited() ? Optional.of(new Slot(0)) : Optional.empty();
    }

    /**
     * A slot across events that looks free now (one strongly consistent query of the user's slots across events), or
     * a 409 naming the user's open holds: {@code active-hold-limit} when the user is at the limit for this event too
     * (the nearer reason), else {@code account-hold-limit}. The transaction that claims it re-checks.
     */
    public Slot freeAccountSlot(String userId, String eventId, Instant now) {
        try {
            return freeAccountSlot(userId, now);
        } catch (ConflictException full) {
            slotFor(userId, eventId, now);
            throw full;
        }
    }

    private Slot freeAccountSlot(String userId, Instant now) {
        return freeIn(accountSlots, userId, null, fairness.maxOpenHoldsPerUser(), now, this::accountLimitReached);
    }

    /** Of {@code limit} slots of {@code owner}, the first free at {@code now} (one query), or {@code refusal}. */
    private Slot freeIn(ActiveHoldSlotItems owner, String userId, String eventId, int limit, Instant now,
                        Function<List<String>, ConflictException> refusal) {
        Map<Integer, Map<String, AttributeValue>> taken = new HashMap<>();
        dynamo.queryPaginator(owner.slotsQuery(userId, eventId)).items().forEach(item -> {
            if (ActiveHoldSlotItems.takenAt(item, now)) {
                taken.put(ActiveHoldSlotItems.slotNumberOf(item), item);
            }
        });
        for (int slot = 0; slot < limit; slot++) {
            if (!taken.containsKey(slot)) {
                return new Slot(slot);
            }
        }
        List<String> open = new ArrayList<>();
        taken.values().forEach(item -> open.add(ActiveHoldSlotItems.holdIdOf(item)));
        throw refusal.apply(open);
    }

    public ConflictException accountLimitReached(List<String> openHolds) {
        return new ConflictException("account-hold-limit", "Too many open holds across events",
                "You already hold seats in " + fairness.maxOpenHoldsPerUser()
                        + " event(s); pay for or release a hold before holding seats in another event",
                Map.of("activeHoldIds", List.copyOf(openHolds), "maxOpenHoldsPerUser", fairness.maxOpenHoldsPerUser()));
    }

    /** The write that claims the slot across events for the hold; fails when another open hold has it. */
    public TransactWriteItem claimAccount(Hold hold, Slot slot, Instant now) {
        return accountSlots.claim(hold, slot.number(), now);
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
        return freeIn(slots, userId, eventId, config.maxActiveHoldsPerUser(), now, ActiveHoldGuard::limitReached);
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
     * Adds to {@code transaction} the writes that keep the hold's slots (for its event, across events) taken until
     * {@code until}, for each the hold still has (see {@link SlotLookup} for how they are found); none without limits.
     */
    public void renew(Transaction transaction, StoredHold stored, Instant until, SlotLookup lookup) {
        Hold hold = stored.hold();
        slotOf(stored, lookup).ifPresent(slot -> transaction.add(Role.ACTIVE_HOLD_SLOT,
                slots.renew(hold.userId(), hold.eventId(), slot, hold.id(), until)));
        accountSlotOf(stored, lookup).ifPresent(slot -> transaction.add(Role.ACCOUNT_HOLD_SLOT,
                accountSlots.renew(hold.userId(), hold.eventId(), slot, hold.id(), until)));
    }

    /**
     * Adds to {@code transaction} the writes that free the hold's slots (for its event, across events), for each the
     * hold still has (see {@link SlotLookup} for how they are found); none without limits.
     */
    public void release(Transaction transaction, StoredHold stored, SlotLookup lookup) {
        Hold hold = stored.hold();
        slotOf(stored, lookup).ifPresent(slot -> transaction.add(Role.ACTIVE_HOLD_SLOT,
                slots.free(hold.userId(), hold.eventId(), slot, hold.id())));
        accountSlotOf(stored, lookup).ifPresent(slot -> transaction.add(Role.ACCOUNT_HOLD_SLOT,
                accountSlots.free(hold.userId(), hold.eventId(), slot, hold.id())));
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
        return slotByQuery(slots, stored.hold());
    }

    private Optional<Integer> accountSlotOf(StoredHold stored, SlotLookup lookup) {
        if (!fairness.openHoldsLimited()) {
            return Optional.empty();
        }
        if (lookup == SlotLookup.STORED && stored.accountHoldSlot().isPresent()) {
            return stored.accountHoldSlot();
        }
        // as above: a hold placed while there was no limit across events, or a retry
        return slotByQuery(accountSlots, stored.hold());
    }

    private Optional<Integer> slotByQuery(ActiveHoldSlotItems owner, Hold hold) {
        return dynamo.queryPaginator(owner.slotsQuery(hold.userId(), hold.eventId())).items().stream()
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
