package dev.ticketing.holdexpiry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ticketing.holds.ExpireHolds;
import dev.ticketing.holds.model.ExpiryOutcome;
import dev.ticketing.lambda.HandlerContexts;
import dev.ticketing.lambda.PrimedHandler;
import dev.ticketing.lambda.Priming;
import dev.ticketing.lambda.StreamRecords;
import dev.ticketing.logging.LogFields;
import dev.ticketing.metrics.BusinessMetrics;
import dev.ticketing.metrics.BusinessMetrics.Figure;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
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
public class HoldLeaseExpiredHandler extends MicronautRequestHandler<DynamodbEvent, StreamsEventResponse>
        implements PrimedHandler {
    /** The invocation's Lambda context (Micronaut's own registry of contexts is replaced: it leaked). */
    @jakarta.inject.Inject
    dev.ticketing.lambda.CurrentInvocation invocation;

    private static final Logger LOG = LoggerFactory.getLogger(HoldLeaseExpiredHandler.class);

    @Inject
    ExpireHolds expiredHolds;

    @Inject
    BusinessMetrics metrics;

    /** For Lambda. */
    public HoldLeaseExpiredHandler() {
        Priming.register(this);
    }

    /** For a caller that builds the context, such as the local stack. */
    public HoldLeaseExpiredHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return HandlerContexts.builder();
    }

    @Override
    public Priming priming() {
        return Priming.of(getClass())
                .step("TTL deletion of an unknown hold's lease", () -> {
                    StreamRecords.requireNoFailures(execute(LeaseTtlRemovals.sample(Priming.NO_SUCH_ID)));
                });
    }

    @Override
    public StreamsEventResponse execute(DynamodbEvent event) {
        try (LogFields.Scope fields = LogFields.scope()) {
            invocation.context().ifPresent(lambda -> fields
                    .put(LogFields.REQUEST_ID, lambda.getAwsRequestId()).put(LogFields.FUNCTION, lambda.getFunctionName()));
            return StreamRecords.each(event, this::expire);
        }
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
