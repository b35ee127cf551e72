package dev.ticketing.holds;

import dev.ticketing.holds.items.ExpiryIndex;
import dev.ticketing.holds.items.HoldItems;
import dev.ticketing.holds.items.HoldReader;
import dev.ticketing.holds.model.ExpiryOutcome;
import dev.ticketing.holds.model.HoldStatus;
import dev.ticketing.holds.model.StoredHold;
import dev.ticketing.problems.ConflictException;
import dev.ticketing.store.Table;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Cleanup of holds whose time is up, for both triggers (the TTL deletion of a lease, the sweeper). It only tidies
 * up: a seat of an expired hold is already available to everyone (lazy expiry) whether or not this ever runs.
 * Ending is {@link ReleaseHold#end}: one conditional transaction, so repeating it, or racing a release, a sale
 * or the other trigger, changes nothing twice and never takes a seat from whoever holds it now.
 */
@Singleton
public class ExpireHolds {
    private final Table table;
    private final HoldReader holds;
    private final ReleaseHold releaser;
    private final HoldItems holdItems;

    public ExpireHolds(Table table, HoldReader holds, ReleaseHold releaser) {
        this.table = table;
        this.holds = holds;
        this.releaser = releaser;
        this.holdItems = new HoldItems(table);
    }

    /**
     * Ends the hold as EXPIRED if storage still has it ACTIVE, its time is up and no payment is in flight for it;
     * otherwise says why not.
     */
    public ExpiryOutcome expire(String holdId) {
        Optional<StoredHold> found = holds.load(holdId);
        if (found.isEmpty()) {
            return ExpiryOutcome.UNKNOWN_HOLD;
        }
        StoredHold stored = found.get();
        if (stored.storedStatus() == HoldStatus.PAID) {
            return ExpiryOutcome.PAID;
        }
        if (!stored.open()) {
            return ExpiryOutcome.ALREADY_ENDED;
        }
        if (stored.hold().status() == HoldStatus.ACTIVE) {
            return ExpiryOutcome.NOT_DUE;
        }
        if (stored.paymentId() != null) {
            // the buyer may still approve: reconciliation asks the provider and ends hold and payment together
            return ExpiryOutcome.PAYMENT_IN_FLIGHT;
        }
        try {
            // a concurrent cleanup or release may have ended it between the read above and this write
            return releaser.end(holdId, HoldStatus.EXPIRED) ? ExpiryOutcome.ENDED : ExpiryOutcome.ALREADY_ENDED;
        } catch (ConflictException paidMeanwhile) {
            return ExpiryOutcome.PAID;
        }
    }

    /**
     * Up to {@code limit} ids of holds in one shard of the expiry index whose time was up at {@code now}, oldest
     * first. The index is eventually consistent: an id may belong to a hold that has just ended.
     */
    public List<String> due(String shard, Instant now, int limit) {
        return table.client().query(holdItems.dueQuery(shard, now, limit)).items().stream()
                .map(ExpiryIndex::holdIdOf)
                .toList();
    }

    /**
     * Takes a hold that has ended (or been paid) out of the expiry index, for an entry left behind by a writer
     * that did not remove {@link ExpiryIndex#SHARD}; changes nothing else and never touches an ACTIVE hold.
     */
    public void unindex(String holdId) {
        // false: already out of the index, the usual case (the index lagged behind the end)
        table.writeAlone(holdItems.unindex(holdId));
    }
}
