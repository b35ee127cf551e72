package dev.ticketing.holdexpiry;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ticketing.holds.ExpireHolds;
import dev.ticketing.holds.model.ExpiryOutcome;
import dev.ticketing.lambda.CurrentInvocation;
import dev.ticketing.lambda.Priming;
import dev.ticketing.lambda.StreamRecords;
import dev.ticketing.lambda.TicketingHandler;
import dev.ticketing.logging.LogFields;
import dev.ticketing.metrics.BusinessMetrics;
import dev.ticketing.metrics.BusinessMetrics.Figure;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The table's stream, filtered to TTL deletions of hold leases (template.yaml): each such record ends its hold
 * as EXPIRED. A record that fails is reported as a batch item failure, so the event source mapping retries it
 * (and, after its retries, sends the batch to the dead-letter queue) while the rest of the batch counts as done;
 * every record of the batch is still tried, since holds are independent and ending one twice changes nothing.
 *
 * <p>SnapStart: {@link #priming} takes a TTL deletion of the lease of a hold that does not exist, which
 * reads the hold, finds nothing and writes nothing.
 */
public class HoldLeaseExpiredHandler extends TicketingHandler<DynamodbEvent, StreamsEventResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(HoldLeaseExpiredHandler.class);

    @Inject
    ExpireHolds expiredHolds;

    @Inject
    BusinessMetrics metrics;

    /** For Lambda. */
    public HoldLeaseExpiredHandler() {
    }

    /** For a caller that builds the context, such as the local stack. */
    public HoldLeaseExpiredHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public Priming priming() {
        return Priming.of(getClass())
                .step("TTL deletion of an unknown hold's lease", () -> {
                    StreamRecords.requireNoFailures(execute(LeaseTtlRemovals.sample(Priming.NO_SUCH_ID)));
                });
    }

    @Override
    protected StreamsEventResponse handle(DynamodbEvent event, CurrentInvocation invocation) {
        return StreamRecords.each(event, this::expire);
    }

    private boolean expire(DynamodbStreamRecord record) {
        Optional<String> holdId = LeaseTtlRemovals.expiredHoldOf(record);
        if (holdId.isEmpty()) {
            LOG.debug("ignored stream record {} ({}): not a TTL deletion of a hold lease", record.getEventID(),
                    record.getEventName());
            return true;
        }
        try (LogFields.Scope fields = LogFields.scope()) {
            fields.put(LogFields.HOLD_ID, holdId.get());
            try {
                ExpiryOutcome outcome = expiredHolds.expire(holdId.get());
                LOG.info("lease of hold {} expired: {}", holdId.get(), outcome);
                if (outcome == ExpiryOutcome.ENDED) {
                    metrics.count(Figure.HOLDS_EXPIRED, 1);
                }
                return true;
            } catch (RuntimeException e) {
                LOG.warn("could not end expired hold {}; reporting record {} for a retry", holdId.get(),
                        record.getDynamodb().getSequenceNumber(), e);
                return false;
            }
        }
    }
}
