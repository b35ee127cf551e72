package dev.ticketing.paymentprocessor;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.ticketing.delivery.RedriveOrderMails;
import dev.ticketing.lambda.CurrentInvocation;
import dev.ticketing.lambda.Priming;
import dev.ticketing.lambda.TicketingHandler;
import dev.ticketing.metrics.BusinessMetrics;
import dev.ticketing.payments.ReconcilePayments;
import dev.ticketing.payments.model.ReconcileReport;
import dev.ticketing.metrics.BusinessMetrics.Figure;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * {@code PaymentReconcileFunction}, on an EventBridge schedule: settles payments still PENDING after
 * {@code RECONCILE_AFTER} by asking their provider ({@link ReconcilePayments}), then queues again the confirmation
 * mails the outbox holds past their time ({@link RedriveOrderMails}). Bounded per run by {@link #LIMIT}
 * and by the function's remaining time; whatever is left waits for the next run.
 *
 * <p>SnapStart: {@link #priming} runs a reconciliation that reads its first shard of due payments and stops
 * before settling any of them ({@link Priming#firstLookOnly}): no write, no provider call.
 */
public class PaymentReconcileHandler extends TicketingHandler<ScheduledEvent, ReconcileReport> {
    /** The most payments one run settles: each may take a few provider calls. */
    static final int LIMIT = 200;
    /** Time left unused at the end of the invocation: a provider call may take up to its 10 s timeout. */
    static final long RESERVE_MILLIS = 12_000;
    /** The budget when no Lambda context says how much time is left. */
    static final long DEFAULT_BUDGET_MILLIS = 30_000;

    @Inject
    ReconcilePayments reconciler;

    @Inject
    BusinessMetrics metrics;

    @Inject
    RedriveOrderMails mailOutbox;

    /** For Lambda. */
    public PaymentReconcileHandler() {
    }

    /** For a caller that builds the context, such as the local system. */
    public PaymentReconcileHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public Priming priming() {
        return Priming.of(getClass())
                .step("first look at due payments", () -> reconciler.reconcile(LIMIT, Priming.firstLookOnly()));
    }

    @Override
    protected ReconcileReport handle(ScheduledEvent event, CurrentInvocation invocation) {
        long budget = invocation.budgetMillis(RESERVE_MILLIS, DEFAULT_BUDGET_MILLIS);
        long stopAt = System.nanoTime() + budget * 1_000_000;
        ReconcileReport report = reconciler.reconcile(LIMIT, () -> System.nanoTime() < stopAt);
        // the mails a crash between a sale's commit and its queueing left in the outbox (docs/delivery.md)
        mailOutbox.redrive(LIMIT, () -> System.nanoTime() < stopAt);
        // sales and failures that reconciliation settled (their webhooks never came) count like any other
        metrics.count(Map.of(Figure.SALES, (long) report.succeeded(), Figure.PAYMENTS_FAILED, (long) report.failed()));
        return report;
    }
}
