package dev.ticketing.holds;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
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
public class HoldSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(HoldSweeper.class);

    private final ExpiredHolds expiredHolds;
    private final Clock clock;

    public HoldSweeper(ExpiredHolds expiredHolds, Clock clock) {
        this.expiredHolds = expiredHolds;
        this.clock = clock;
    }

    /**
     * Ends at most {@code limit} due holds, oldest first within a shard, starting at a random shard so that a
     * crowded shard cannot starve the others across runs; stops early when {@code mayGoOn} says time is short.
     */
    public SweepReport sweep(int limit, BooleanSupplier mayGoOn) {
        Instant now = clock.instant();
        List<String> shards = ExpiryIndex.shards();
        int first = ThreadLocalRandom.current().nextInt(shards.size());
        int found = 0;
        int ended = 0;
        int alreadyEnded = 0;
        int paid = 0;
        int notDue = 0;
        int failed = 0;
        int paymentInFlight = 0;
        boolean more = false;
        for (int i = 0; i < shards.size() && !more; i++) {
            if (found >= limit || !mayGoOn.getAsBoolean()) {
                more = true;
                break;
            }
            int room = limit - found;
            List<String> due = expiredHolds.due(shards.get((first + i) % shards.size()), now, room);
            for (String holdId : due) {
                if (!mayGoOn.getAsBoolean()) {
                    more = true;
                    break;
                }
                found++;
                try {
                    ExpiryOutcome outcome = expiredHolds.expire(holdId);
                    switch (outcome) {
                        case ENDED -> ended++;
                        case ALREADY_ENDED -> alreadyEnded++;
                        case PAID -> paid++;
                        case NOT_DUE -> notDue++;
                        case PAYMENT_IN_FLIGHT -> paymentInFlight++;
                        case UNKNOWN_HOLD -> failed++;
                    }
                    if (outcome == ExpiryOutcome.ALREADY_ENDED || outcome == ExpiryOutcome.PAID) {
                        expiredHolds.unindex(holdId);
                    }
                } catch (RuntimeException e) {
                    failed++;
                    LOG.warn("could not end expired hold {}; the next sweep tries again", holdId, e);
                }
            }
            if (due.size() == room) {
                more = true;
            }
        }
        SweepReport report = new SweepReport(found, ended, alreadyEnded, paid, notDue, failed, paymentInFlight, more);
        if (found > 0) {
            LOG.info("sweep: {}", report);
        }
        return report;
    }
}
