package dev.ticketing.holds;

import dev.ticketing.holds.items.ExpiryIndex;
import dev.ticketing.holds.model.ExpiryOutcome;
import dev.ticketing.holds.model.SweepReport;
import dev.ticketing.store.DueWork;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled safety net behind the TTL stream: DynamoDB TTL may take up to two days to delete a lease, so
 * every sweep interval this finds ACTIVE holds past {@code expires_at} through the sparse {@link ExpiryIndex}
 * (a query per shard, never a scan) and ends them as EXPIRED. Bounded per run; safe to run twice at once, or
 * beside the stream trigger, since every end is conditional.
 */
@Singleton
public class SweepExpiredHolds {
    private static final Logger LOG = LoggerFactory.getLogger(SweepExpiredHolds.class);

    private final ExpireHolds expiredHolds;
    private final Clock clock;

    public SweepExpiredHolds(ExpireHolds expiredHolds, Clock clock) {
        this.expiredHolds = expiredHolds;
        this.clock = clock;
    }

    /**
     * Ends at most {@code limit} due holds, oldest first within a shard, starting at a random shard so that a
     * crowded shard cannot starve the others across runs; stops early when {@code mayGoOn} says time is short.
     */
    public SweepReport sweep(int limit, BooleanSupplier mayGoOn) {
        Instant now = clock.instant();
        int[] counts = new int[ExpiryOutcome.values().length + 1];
        int failedIndex = ExpiryOutcome.values().length;
        DueWork.Pass pass = DueWork.walk(ExpiryIndex.shards(), limit, mayGoOn,
                (shard, room) -> expiredHolds.due(shard, now, room), holdId -> {
                    try {
                        ExpiryOutcome outcome = expiredHolds.expire(holdId);
                        counts[outcome == ExpiryOutcome.UNKNOWN_HOLD ? failedIndex : outcome.ordinal()]++;
                        if (outcome == ExpiryOutcome.ALREADY_ENDED || outcome == ExpiryOutcome.PAID) {
                            expiredHolds.unindex(holdId);
                        }
                    } catch (RuntimeException e) {
                        counts[failedIndex]++;
                        LOG.warn("could not end expired hold {}; the next sweep tries again", holdId, e);
                    }
                });
        int found = pass.found();
        boolean more = pass.more();
        int ended = counts[ExpiryOutcome.ENDED.ordinal()];
        int alreadyEnded = counts[ExpiryOutcome.ALREADY_ENDED.ordinal()];
        int paid = counts[ExpiryOutcome.PAID.ordinal()];
        int notDue = counts[ExpiryOutcome.NOT_DUE.ordinal()];
        int paymentInFlight = counts[ExpiryOutcome.PAYMENT_IN_FLIGHT.ordinal()];
        int failed = counts[failedIndex];
        SweepReport report = new SweepReport(found, ended, alreadyEnded, paid, notDue, failed, paymentInFlight, more);
        if (found > 0) {
            LOG.info("sweep: {}", report);
        }
        return report;
    }
}
