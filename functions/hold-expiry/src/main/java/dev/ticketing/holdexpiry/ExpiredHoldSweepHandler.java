package dev.ticketing.holdexpiry;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.ticketing.config.SweepConfig;
import dev.ticketing.holds.SweepExpiredHolds;
import dev.ticketing.holds.model.SweepReport;
import dev.ticketing.lambda.CurrentInvocation;
import dev.ticketing.lambda.Priming;
import dev.ticketing.lambda.TicketingHandler;
import dev.ticketing.metrics.BusinessMetrics;
import dev.ticketing.metrics.BusinessMetrics.Figure;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

/**
 * The EventBridge schedule (every {@code SweepInterval}): ends ACTIVE holds past their time that the TTL stream
 * has not ended yet. At most {@code SWEEP_LIMIT} holds a run, and it stops early enough to finish within the
 * function's timeout; whatever is left waits for the next run.
 *
 * <p>SnapStart: {@link #priming} runs a sweep that reads its first shard of due holds and stops before
 * ending any of them ({@link Priming#firstLookOnly}): no write.
 */
public class ExpiredHoldSweepHandler extends TicketingHandler<ScheduledEvent, SweepReport> {
    /** Time left unused at the end of the invocation, so a sweep stops between holds rather than being killed. */
    static final long RESERVE_MILLIS = 5_000;
    /** The budget when no Lambda context says how much time is left. */
    static final long DEFAULT_BUDGET_MILLIS = 20_000;

    @Inject
    SweepExpiredHolds sweeper;

    @Inject
    SweepConfig config;

    @Inject
    BusinessMetrics metrics;

    /** For Lambda. */
    public ExpiredHoldSweepHandler() {
    }

    /** For a caller that builds the context, such as the local stack. */
    public ExpiredHoldSweepHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public Priming priming() {
        return Priming.of(getClass())
                .step("first look at due holds", () -> sweeper.sweep(config.limit(), Priming.firstLookOnly()));
    }

    @Override
    protected SweepReport handle(ScheduledEvent event, CurrentInvocation invocation) {
        long budget = invocation.budgetMillis(RESERVE_MILLIS, DEFAULT_BUDGET_MILLIS);
        long stopAt = System.nanoTime() + budget * 1_000_000;
        SweepReport report = sweeper.sweep(config.limit(), () -> System.nanoTime() < stopAt);
        metrics.count(Figure.HOLDS_EXPIRED, report.ended());
        return report;
    }
}
