package dev.ticketing.holds.items;

import dev.ticketing.config.HoldRateConfig;
import dev.ticketing.holds.model.Hold;
import dev.ticketing.input.Instants;
import dev.ticketing.problems.TooManyRequestsException;
import dev.ticketing.store.Table;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * At most {@code MAX_HOLDS_PER_USER_PER_HOUR} holds per user and event in any rolling hour
 * ({@link HoldRateConfig#WINDOW}), against cycling holds to keep seats off the market. The user has that many rate
 * slots ({@link HoldRateSlotItems}); a hold claims one in its own transaction on condition that its last use is a
 * whole window ago, so the limit holds under any concurrency and a refused or failed hold uses nothing. As with
 * {@link ActiveHoldGuard}, the first slot is tried without reading anything; only when the transaction finds it used
 * are the user's slots read (one query) for one that is free, or a 429 saying when one will be.
 */
@Singleton
public class HoldRateGuard {
    private final DynamoDbClient dynamo;
    private final HoldRateConfig rate;
    private final HoldRateSlotItems slots;

    public HoldRateGuard(Table table, HoldRateConfig rate) {
        this.dynamo = table.client();
        this.rate = rate;
        this.slots = new HoldRateSlotItems(table);
    }

    /**
     * The slot a hold at {@code now} tries first, read from nowhere: the window is cut into as many turns as there are
     * slots, and the turn {@code now} falls in names the slot, so a buyer holding once every few minutes finds it free
     * (a user's first hold always does). Empty when there is no limit.
     */
    public Optional<Integer> firstSlot(Instant now) {
        if (!rate.enabled()) {
            return Optional.empty();
        }
        long turn = Math.max(1, HoldRateConfig.WINDOW.toMillis() / rate.maxHoldsPerUserPerHour());
        return Optional.of((int) ((now.toEpochMilli() / turn) % rate.maxHoldsPerUserPerHour()));
    }

    /**
     * A slot free at {@code now} (never used, or the one used longest ago if that was a whole window ago), by one
     * strongly consistent query; or a 429 {@code hold-rate-limit} with the moment the oldest use leaves the window.
     * The transaction that claims it re-checks, so two concurrent holds cannot both get the last slot.
     */
    public int freeSlot(String userId, String eventId, Instant now) {
        Map<Integer, Instant> used = new HashMap<>();
        dynamo.queryPaginator(slots.slotsQuery(userId, eventId)).items().forEach(item ->
                used.put(HoldRateSlotItems.slotNumberOf(item), HoldRateSlotItems.usedAt(item)));
        int oldest = -1;
        for (int slot = 0; slot < rate.maxHoldsPerUserPerHour(); slot++) {
            if (!used.containsKey(slot)) {
                return slot;
            }
            if (oldest < 0 || used.get(slot).isBefore(used.get(oldest))) {
                oldest = slot;
            }
        }
        Instant free = used.get(oldest).plus(HoldRateConfig.WINDOW);
        if (!free.isAfter(now)) {
            return oldest;
        }
        throw limitReached(free, now);
    }

    /** The write that claims rate slot {@code slot} for the hold at {@code now}; fails when used within the window. */
    public TransactWriteItem claim(Hold hold, int slot, Instant now) {
        return slots.claim(hold, slot, now, HoldRateConfig.WINDOW);
    }

    /** The user's own concurrent holds took each rate slot this one tried: try again in a moment. */
    public TooManyRequestsException racedByOwnRequests() {
        return new TooManyRequestsException("hold-rate-limit", "Too many holds at once",
                "Several holds of yours for this event are being placed at this moment; try again in a second",
                Map.of("maxHoldsPerUserPerHour", rate.maxHoldsPerUserPerHour()), Duration.ofSeconds(1));
    }

    private TooManyRequestsException limitReached(Instant free, Instant now) {
        return new TooManyRequestsException("hold-rate-limit", "Too many holds",
                "You created " + rate.maxHoldsPerUserPerHour() + " holds for this event within the last hour; you can"
                        + " hold again at " + Instants.text(free),
                Map.of("maxHoldsPerUserPerHour", rate.maxHoldsPerUserPerHour(), "retryAt", Instants.text(free)),
                Duration.between(now, free));
    }
}
