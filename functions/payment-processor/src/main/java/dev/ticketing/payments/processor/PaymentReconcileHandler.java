package dev.ticketing.payments.processor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.ticketing.logging.LogFields;
import dev.ticketing.metrics.BusinessMetrics;
import dev.ticketing.metrics.BusinessMetrics.Figure;
import dev.ticketing.payments.PaymentReconciler;
import dev.ticketing.payments.ReconcileReport;
import dev.ticketing.lambda.CurrentInvocation;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;

/**
 * {@code PaymentReconcileFunction}, on an EventBridge schedule: settles payments still PENDING after
 * {@code RECONCILE_AFTER} by asking their provider ({@link PaymentReconciler}). Bounded per run by {@link #LIMIT}
 * and by the function's remaining time; whatever is left waits for the next run.
 */
public class PaymentReconcileHandler extends MicronautRequestHandler<ScheduledEvent, ReconcileReport> {
    /** The most payments one run settles: each may take a few provider calls. */
    static final int LIMIT = 200;
    /** Time left unused at the end of the invocation: a provider call may take up to its 10 s timeout. */
    static final long RESERVE_MILLIS = 12_000;
    /** The budget when no Lambda context says how much time is left. */
    static final long DEFAULT_BUDGET_MILLIS = 30_000;

    @Inject
    CurrentInvocation invocation;

    @Inject
    PaymentReconciler reconciler;

    @Inject
    BusinessMetrics metrics;

    /** For Lambda. */
    public PaymentReconcileHandler() {
    }

    /** For a caller that builds the context, such as the local system. */
    public PaymentReconcileHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public ReconcileReport execute(ScheduledEvent event) {
        Optional<Context> lambda = invocation.context();
        try (LogFields.Scope fields = LogFields.scope()) {
            lambda.ifPresent(it -> fields.put(LogFields.REQUEST_ID, it.getAwsRequestId())
                    .put(LogFields.FUNCTION, it.getFunctionName()));
            long budget = invocation.budgetMillis(RESERVE_MILLIS, DEFAULT_BUDGET_MILLIS);
            long stopAt = System.nanoTime() + budget * 1_000_000;
            ReconcileReport report = reconciler.reconcile(LIMIT, () -> System.nanoTime() < stopAt);
            // sales and failures that reconciliation settled (their webhooks never came) count like any other
            metrics.count(Map.of(Figure.SALES, (long) report.succeeded(), Figure.PAYMENTS_FAILED, (long) report.failed()));
            return report;
        }
    }
}
